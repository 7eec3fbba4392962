"""Who may use this deployment and which chats each browser sees.

Two halves that meet in a cookie. In front of Reflex (ASGI middleware, ``middleware.py``): the
security headers, the optional password gate, the anonymous owner cookie, and the guard that
keeps the embedded API internal. Inside the state (``policy.py``): who owns which session, and
how many turns an owner may start.
"""
