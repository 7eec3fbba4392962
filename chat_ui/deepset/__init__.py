"""deepset Cloud's ``chat-stream`` as a second chat backend: same typed events, same reducer.

Nothing here runs at import: configuration is read by ``DeepsetClient.from_env()``.
"""
