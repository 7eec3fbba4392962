"""chat_ui: a Reflex chat frontend for RAG chat agents."""
