"""The quality loop: feedback on answers with a snapshot of what was answered, the review of it
(queries, counts, exports) and usage per person and day.

Durable records go through :mod:`chat_ui.store` (``feedback``, ``usage``); this room builds what
they hold and reads them back as the review and usage pages show them.
"""
