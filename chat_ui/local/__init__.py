"""The embedded local chat API: the default backend when no ``LLAMA_CLOUD_API_KEY`` is set.

A small Starlette service speaking the LlamaCloud chat API over HTTP (sessions, SSE turns,
indexes, attachment presigned URLs), backed by SQLite and a folder corpus ranked with BM25.

- ``chat_ui.local.app.create_app(settings=None)`` the ASGI app (absolute ``/api/v1/...`` routes)
- ``chat_ui.local.settings.LocalSettings.from_env()`` ``CHAT_UI_LOCAL_*`` configuration
- ``python -m chat_ui.local --port P [--host H]`` run it alone
- ``chat_ui.local.agent`` the turn itself, without HTTP; ``chat_ui.local.faults`` ``[fault:…]`` directives
"""
