"""File names from the directories endpoint, looked up once per file.

``GET /api/v1/beta/directories/{directory_id}/files/{file_id}`` gives a file's ``display_name``;
``directory_id`` is the output directory of the index the passage came from. A name found is
kept per index in the name cache (shared by every turn, tab and, on Redis, worker); lookups of
one file that overlap in this worker share one call. A file whose lookup fails keeps its id as
its name, and is asked again the next time it appears.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable

from chat_ui.api.backend import ChatBackend
from chat_ui.api.errors import ChatAPIError, NotFoundError
from chat_ui.names.cache import Key, NameCache
from chat_ui.names.indexes import IndexCatalog
from chat_ui.names.refs import FileRef

log = logging.getLogger(__name__)

CONCURRENT_LOOKUPS = 8  # per worker: a result naming 40 files does not fire 40 calls at once


class FileNamer:
    def __init__(self, cache: NameCache, catalog: IndexCatalog) -> None:
        self.cache = cache
        self.catalog = catalog
        self._inflight: dict[Key, asyncio.Task[str | None]] = {}
        self._slots = asyncio.Semaphore(CONCURRENT_LOOKUPS)

    async def names(self, backend: ChatBackend, refs: Iterable[FileRef]) -> dict[str, str]:
        """Names by file id, for the files that have one; each file's candidate indexes are
        read from the cache first, and only files none of them knows are looked up."""
        wanted: dict[str, tuple[str, ...]] = {}
        for ref in refs:  # one file asked twice (from two calls) is looked up once, in all its places
            wanted[ref.file_id] = tuple(dict.fromkeys((*wanted.get(ref.file_id, ()), *ref.index_ids)))
        if not wanted:
            return {}
        cached = await self.cache.get_many([(i, f) for f, where in wanted.items() for i in where])
        found: dict[str, str] = {}
        missing: list[FileRef] = []
        for file_id, where in wanted.items():
            name = next((cached[(i, file_id)] for i in where if (i, file_id) in cached), None)
            if name:
                found[file_id] = name
            else:
                missing.append(FileRef(file_id, where))
        looked_up = await asyncio.gather(*(self._lookup(backend, ref) for ref in missing))
        found.update((ref.file_id, name) for ref, name in zip(missing, looked_up) if name)
        return found

    async def index_names(self, backend: ChatBackend, index_ids: Iterable[str]) -> dict[str, str]:
        """Names by index id, for the indexes that can be read."""
        indexes = await asyncio.gather(*(self.catalog.get(backend, i) for i in dict.fromkeys(index_ids)))
        return {i.id: i.name for i in indexes if i is not None and i.name}

    async def _lookup(self, backend: ChatBackend, ref: FileRef) -> str | None:
        for index_id in ref.index_ids:  # not in this index's directory: the next one
            name = await self._once(backend, (index_id, ref.file_id))
            if name:
                return name
        return None

    async def _once(self, backend: ChatBackend, key: Key) -> str | None:
        task = self._inflight.get(key)
        if task is None:
            task = self._inflight[key] = asyncio.create_task(self._fetch(backend, key), name=f"file name {key[1]}")
            task.add_done_callback(lambda _: self._inflight.pop(key, None))
        return await asyncio.shield(task)  # one caller giving up does not cancel the others' lookup

    async def _fetch(self, backend: ChatBackend, key: Key) -> str | None:
        index_id, file_id = key
        index = await self.catalog.get(backend, index_id)
        if index is None or not index.output_directory_id:
            return None
        try:
            async with self._slots:
                file = await backend.get_directory_file(index.output_directory_id, file_id)
        except NotFoundError:
            return None
        except ChatAPIError as exc:
            log.info("file name of %s not found: %s", file_id, exc)
            return None
        name = " ".join(file.display_name.split())
        if name:
            await self.cache.put_many({key: name})
        return name or None
