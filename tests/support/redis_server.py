"""A real ``redis-server`` (Debian's) on a free 127.0.0.1 port, for the length of a test: the same
private Redis the cluster launcher starts."""

from chat_ui.cluster import own_redis as run_redis

__all__ = ["run_redis"]
