"""Shared links: a read-only snapshot of a chat up to its last finished answer, under an
unguessable id, and who may open it.

The records go through :mod:`chat_ui.store.shares`; this room builds the snapshot, reads it
back (every open asks the store, so a stopped link is dead on every worker at once), decides
who may open a link (:mod:`chat_ui.sharing.policy`) and lets the guests of a link shared with
anyone past the deployment's gate, for that page alone (:mod:`chat_ui.sharing.guest`).
"""
