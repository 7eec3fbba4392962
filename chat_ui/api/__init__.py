"""The wire room: typed client(s), event models and errors."""
