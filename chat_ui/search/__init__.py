"""Search inside chats: what goes into the index (:mod:`.indexing`) and what a hit looks like on a
page (:mod:`.views`). The index itself is the store's (:mod:`chat_ui.store.search`)."""
