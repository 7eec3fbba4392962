"""Pages: the chat (new and reopened) and the session history."""
