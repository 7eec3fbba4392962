import reflex as rx

config = rx.Config(
    app_name="chat_ui",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    plugins=[],
)
