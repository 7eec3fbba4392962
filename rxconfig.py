import reflex as rx
from reflex_base.plugins.sitemap import SitemapPlugin

from chat_ui.prerender import PrerenderPlugin
from chat_ui.theme import PACKAGE as RADIX_THEMES, RadixThemes, theme

config = rx.Config(
    app_name="chat_ui",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    disable_plugins=[SitemapPlugin],
    frontend_packages=[RADIX_THEMES],  # installed, not bundled whole (chat_ui/theme.py)
    plugins=[
        PrerenderPlugin(),  # /chat pre-rendered too, so the chat page paints before the app boots
        RadixThemes(theme=theme()),  # Radix Themes' CSS with only the color scales the app uses
    ],
)
