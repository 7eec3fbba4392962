"""Which ids of a turn need a name, and where to look them up: pure, no I/O.

A LlamaCloud passage names its file only by ``static_fields.parsed_directory_file_id``; the name
a person knows it by is in the directory of the index the passage came from (the index's
``output_directory_id``). The call that retrieved it usually says which index it searched
(``arguments.index_id``); when it does not, the file may be in any index the turn searched.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from chat_ui import transcript as t
from chat_ui.api import models as m
from chat_ui.views import file_id_of, passage_rows


@dataclass(frozen=True)
class FileRef:
    """A file to name, and the indexes it may be in (the likeliest first)."""

    file_id: str
    index_ids: tuple[str, ...]


def result_file_ids(result: Any) -> list[str]:
    """The distinct file ids of a retrieval result's passages, in order."""
    return list(dict.fromkeys(f for _, row in passage_rows(result) if (f := file_id_of(row))))


def tool_refs(arguments: Mapping[str, Any], result: Any, index_ids: Iterable[str]) -> list[FileRef]:
    """The files of one tool result: in the index its call searched, else in any of ``index_ids``
    (none: the caller does not know where yet)."""
    searched = arguments.get("index_id")
    where = (searched,) if isinstance(searched, str) and searched else tuple(dict.fromkeys(index_ids))
    return [FileRef(f, where) for f in result_file_ids(result)]


def stored_refs(events: Iterable[m.Event], index_ids: Iterable[str]) -> tuple[list[FileRef], list[str]]:
    """Every file of a stored session's results, and every index its turns skipped."""
    index_ids = list(index_ids)
    calls: dict[str, dict[str, Any]] = {}
    refs: dict[str, FileRef] = {}
    skipped: dict[str, None] = {}
    for event in events:
        if isinstance(event, m.ToolCall):
            calls[event.call_id] = event.arguments
        elif isinstance(event, m.ToolResult):
            for ref in tool_refs(calls.get(event.call_id, {}), event.result, index_ids):
                refs.setdefault(ref.file_id, ref)
        elif isinstance(event, m.Stop):
            skipped.update(dict.fromkeys(event.skipped_index_ids or ()))
    return list(refs.values()), list(skipped)


def with_names(events: Iterable[m.Event], names: Mapping[str, str]) -> Iterator[t.ReducerEvent]:
    """A stored session's events with each result's file names (and each stop's skipped
    indexes' names) folded in right after it, where the live turn's runner folds them."""
    for event in events:
        yield event
        ids: list[str] = []
        if isinstance(event, m.ToolResult):
            ids = result_file_ids(event.result)
        elif isinstance(event, m.Stop):
            ids = list(event.skipped_index_ids or ())
        known = tuple((i, names[i]) for i in ids if i in names)
        if known:
            yield t.Named(known)
