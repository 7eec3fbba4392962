"""Names for the ids the wire carries: a passage's file (``parsed_directory_file_id``) and an index.

Lookups are I/O, so they happen where the turn is read, never in the reducer: the runner of a
live turn (:mod:`chat_ui.names.turn`) and the code that opens a stored session
(:func:`stored_names`) look them up and fold them in as :class:`chat_ui.transcript.Named`
events, at the same places, so a replay shows the names exactly as the live turn did.
"""

from __future__ import annotations

from chat_ui.api.backend import ChatBackend
from chat_ui.api.models import Event, SessionDetail
from chat_ui.names.cache import get_name_cache
from chat_ui.names.files import FileNamer
from chat_ui.names.indexes import IndexCatalog
from chat_ui.names.refs import FileRef, stored_refs
from chat_ui.per_loop import PerLoop

_namers: PerLoop[FileNamer] = PerLoop()


def get_namer() -> FileNamer:
    """This worker's namer (one per event loop: its lookups in flight belong to it)."""
    cache = get_name_cache()
    return _namers.get(lambda: FileNamer(cache, IndexCatalog()), id(cache))


async def stored_names(backend: ChatBackend, detail: SessionDetail, events: list[Event] | None = None) -> dict[str, str]:
    """Names of the files and skipped indexes of a stored session (ids that find none are left
    out, and show as themselves); ``events``: its events, if already typed. A result whose call
    does not say its index may be in any of the session's indexes, or, for an unbound session,
    any index there is."""
    if not backend.capabilities.file_names:
        return {}
    refs, skipped = stored_refs(detail.typed_events() if events is None else events, detail.index_ids or ())
    names = await name_files(backend, refs)
    return {**names, **await get_namer().index_names(backend, skipped)} if skipped else names


async def name_files(backend: ChatBackend, refs: list[FileRef]) -> dict[str, str]:
    """Names by file id; a file whose indexes are not known may be in any index there is."""
    if not backend.capabilities.file_names or not refs:
        return {}
    namer = get_namer()
    if any(not ref.index_ids for ref in refs):
        anywhere = tuple(await namer.catalog.all_ids(backend))
        refs = [ref if ref.index_ids else FileRef(ref.file_id, anywhere) for ref in refs]
    return await namer.names(backend, refs)
