"""File names from the directories endpoint: looked up once per file and index, shared by every
turn, tab and (on Redis) worker, concurrent lookups of one file coalesced, the id kept when a
lookup fails; and folded into the transcript so a live turn and its replay name files alike."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import pytest

from chat_ui.i18n.message import render
from chat_ui import transcript as t
from chat_ui.api import models as m
from chat_ui.api.backend import Capabilities
from chat_ui.api.errors import NotFoundError, ServerError
from chat_ui.names.cache import MemoryNameCache, RedisNameCache
from chat_ui.names.files import FileNamer
from chat_ui.names.indexes import IndexCatalog
from chat_ui.names.refs import FileRef, stored_refs, tool_refs, with_names
from chat_ui.views import turn_view


@dataclass
class Directories:
    """A backend that only knows indexes and their directories, and counts what it is asked."""

    files: dict[tuple[str, str], str]  # (directory, file id) -> display name
    delay: float = 0.0
    failing: set[str] = field(default_factory=set)  # file ids whose lookup fails (HTTP 503)
    calls: list[tuple[str, str]] = field(default_factory=list)
    index_calls: list[str] = field(default_factory=list)
    capabilities: Capabilities = Capabilities()

    async def get_index(self, index_id: str) -> m.Index:
        self.index_calls.append(index_id)
        return m.Index(id=index_id, name=f"Index {index_id}", output_directory_id=f"dir-{index_id}")

    async def list_indexes(self) -> list[m.Index]:
        return [await self.get_index(i) for i in ("idx-a", "idx-b")]

    async def get_directory_file(self, directory_id: str, file_id: str) -> m.DirectoryFile:
        self.calls.append((directory_id, file_id))
        await asyncio.sleep(self.delay)
        if file_id in self.failing:
            raise ServerError("The chat service failed (HTTP 503).", status_code=503)
        name = self.files.get((directory_id, file_id))
        if name is None:
            raise NotFoundError("not found", status_code=404)
        return m.DirectoryFile(id=file_id, directory_id=directory_id, display_name=name)


def result_of(file_ids: list[str]) -> dict:
    return {"results": [{"content": f"passage {i}", "score": 1.0, "metadata": {},
                         "static_fields": {"parsed_directory_file_id": f, "page_range_start": 1}}
                        for i, f in enumerate(file_ids)]}


def namer(cache=None) -> FileNamer:
    return FileNamer(cache or MemoryNameCache(), IndexCatalog())


FILES = {("dir-idx-a", f"dfl-{i}"): f"Report {i}.pdf" for i in range(12)}


async def test_forty_passages_from_twelve_files_cost_twelve_lookups_then_none():
    backend, names = Directories(FILES), namer()
    result = result_of([f"dfl-{i % 12}" for i in range(40)])
    refs = tool_refs({"index_id": "idx-a"}, result, ["idx-a", "idx-b"])
    assert len(refs) == 12 and all(r.index_ids == ("idx-a",) for r in refs)  # the call's own index only
    found = await names.names(backend, refs)
    assert found == {f"dfl-{i}": f"Report {i}.pdf" for i in range(12)} and len(backend.calls) == 12
    assert await names.names(backend, refs) == found and len(backend.calls) == 12  # next appearance: none
    assert backend.index_calls == ["idx-a"]  # the index's directory is read once too


async def test_concurrent_lookups_of_one_file_share_one_call():
    backend, names = Directories(FILES, delay=0.05), namer()
    refs = [FileRef("dfl-1", ("idx-a",))]
    first, second, third = await asyncio.gather(*(names.names(backend, refs) for _ in range(3)))
    assert first == second == third == {"dfl-1": "Report 1.pdf"} and backend.calls == [("dir-idx-a", "dfl-1")]


async def test_names_are_kept_per_index():
    """A name found in one index's directory does not answer for another index."""
    files = {**FILES, ("dir-idx-b", "dfl-1"): "Other copy.pdf"}
    backend, names = Directories(files), namer()
    assert await names.names(backend, [FileRef("dfl-1", ("idx-a",))]) == {"dfl-1": "Report 1.pdf"}
    assert await names.names(backend, [FileRef("dfl-1", ("idx-b",))]) == {"dfl-1": "Other copy.pdf"}
    assert backend.calls == [("dir-idx-a", "dfl-1"), ("dir-idx-b", "dfl-1")]


async def test_a_file_whose_call_names_no_index_is_found_in_any_of_the_turns():
    backend, names = Directories(FILES), namer()
    (ref,) = tool_refs({"query": "q"}, result_of(["dfl-3"]), ["idx-b", "idx-a"])
    assert await names.names(backend, [ref]) == {"dfl-3": "Report 3.pdf"}
    assert backend.calls == [("dir-idx-b", "dfl-3"), ("dir-idx-a", "dfl-3")]  # not in idx-b's: the next
    assert await names.names(backend, [ref]) == {"dfl-3": "Report 3.pdf"} and len(backend.calls) == 2


async def test_a_failed_lookup_keeps_the_id_and_is_tried_again_next_time():
    backend, names = Directories(FILES, failing={"dfl-2"}), namer()
    refs = [FileRef("dfl-1", ("idx-a",)), FileRef("dfl-2", ("idx-a",))]
    found = await names.names(backend, refs)
    assert found == {"dfl-1": "Report 1.pdf"}
    call = m.ToolCall(call_id="c", name="retrieve", arguments={"index_id": "idx-a"})
    result = m.ToolResult(call_id="c", name="retrieve", result=result_of(["dfl-1", "dfl-2"]))
    (turn,) = t.fold(with_names([m.UserInput(content="q"), call, result, m.Stop()], found))
    (tool,) = turn_view(turn, "t0").blocks
    assert [h.file for h in tool.hits] == ["Report 1.pdf", "dfl-2"]  # the id, only where the call failed
    backend.failing.clear()
    assert await names.names(backend, refs) == {"dfl-1": "Report 1.pdf", "dfl-2": "Report 2.pdf"}
    assert backend.calls.count(("dir-idx-a", "dfl-2")) == 2 and backend.calls.count(("dir-idx-a", "dfl-1")) == 1


async def test_workers_share_names_through_redis(redis_url):
    """Two workers (two namers, one Redis): the second looks nothing up."""
    backend = Directories(FILES)
    refs = [FileRef(f"dfl-{i}", ("idx-a",)) for i in range(5)]
    first = await namer(RedisNameCache(redis_url)).names(backend, refs)
    second = await namer(RedisNameCache(redis_url)).names(backend, refs)
    assert first == second and len(first) == 5 and len(backend.calls) == 5


async def test_a_redis_that_fails_only_costs_lookups():
    backend = Directories(FILES)
    broken = RedisNameCache("redis://127.0.0.1:1/0")  # nothing listens there
    assert await namer(broken).names(backend, [FileRef("dfl-1", ("idx-a",))]) == {"dfl-1": "Report 1.pdf"}


def test_a_replay_folds_names_in_where_the_live_turn_did():
    """Live, the runner folds names in after a result arrives, maybe after the turn ended; the
    replay folds them in right after each result: both views are the same."""
    call = m.ToolCall(call_id="c", name="retrieve", arguments={"index_id": "idx-a"})
    result = m.ToolResult(call_id="c", name="retrieve", result=result_of(["dfl-1", "dfl-2", "dfl-1"]))
    stop = m.Stop(skipped_index_ids=["idx-b"])
    events = [m.UserInput(content="q"), call, result, m.Text(content="See [1]."), stop]
    names = {"dfl-1": "Report 1.pdf", "dfl-2": "Report 2.pdf", "idx-b": "Handbook"}
    live = t.fold(events)
    live = t.apply(live, t.Named((("dfl-1", "Report 1.pdf"), ("dfl-2", "Report 2.pdf"))))  # after the end
    live = t.apply(live, t.Named((("idx-b", "Handbook"),)))
    stored = t.fold_stored(with_names(events, names))
    assert turn_view(live[-1], "h0") == turn_view(stored[-1], "h0")
    view = turn_view(stored[-1], "h0")
    assert [h.file for h in view.blocks[0].hits] == ["Report 1.pdf", "Report 2.pdf", "Report 1.pdf"]
    assert render("en", view.blocks[0].tool_summary) == "3 passages from 2 files"
    assert render("en", view.skipped).startswith("Handbook could not be searched")
    refs, skipped = stored_refs(events, ["idx-a"])
    assert [r.file_id for r in refs] == ["dfl-1", "dfl-2"] and skipped == ["idx-b"]


def test_named_reaches_an_ended_turn_without_opening_a_new_one():
    (turn,) = t.fold([m.UserInput(content="q"), m.Stop()])
    after = t.apply((turn,), t.Named((("dfl-1", "A.pdf"),)))
    assert len(after) == 1 and after[0].names == (("dfl-1", "A.pdf"),) and after[0].status == "done"
    assert t.apply((), t.Named((("dfl-1", "A.pdf"),))) == ()


@pytest.mark.parametrize("skipped, error", [
    (["idx-b"], "Handbook could not be searched, and this answer needs every index it asks. Try again in a moment."),
    ([], "boom"),
])
def test_a_turn_that_needed_every_index_says_which_could_not_be_searched(skipped, error):
    events = [m.UserInput(content="q"), m.Stop(is_error=True, error="boom", skipped_index_ids=skipped)]
    (turn,) = t.fold(with_names(events, {"idx-b": "Handbook"}))
    view = turn_view(turn, "t0")
    assert view.status == "error" and render("en", view.error) == error and view.skipped == ""


# ---------------------------------------------------------------------------- through the app


@pytest.fixture
def counted_directory_calls(local_api, monkeypatch):
    """The app on the local API; the directory lookups it makes, in order."""
    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    from chat_ui.api.client import LlamaCloudClient

    calls: list[str] = []
    real = LlamaCloudClient.get_directory_file

    async def counted(self, directory_id, file_id):
        calls.append(file_id)
        return await real(self, directory_id, file_id)

    monkeypatch.setattr(LlamaCloudClient, "get_directory_file", counted)
    return calls


async def test_a_live_turn_and_its_replay_name_files_alike_with_one_lookup_per_file(counted_directory_calls, tabs):
    from chat_ui.export import to_markdown
    from chat_ui.backends import get_backend
    from chat_ui.names import stored_names
    from chat_ui.state.chat import ChatState
    from chat_ui.state.citations import CitationState
    from chat_ui.state.live import LiveState

    a = tabs()
    await a.run(ChatState.load_indexes)
    await a.run(LiveState.send("How much did revenue grow in Q3, and why? [fault:many]"))
    live = await a.idle()
    tools = [b for b in live.blocks if b.kind == "tool"]
    files = {h.file for b in tools for h in b.hits}
    assert files and all(f.endswith((".pdf", ".md")) for f in files), files  # names, not dfl- ids
    assert any(h.file in render("en", b.image_label) for b in tools for h in b.hits if b.image_label)  # the screenshot's label too
    looked_up = list(counted_directory_calls)
    assert len(looked_up) == len(set(looked_up)) <= 12, looked_up  # once per file

    # The stored session, folded as a reopened chat folds it (names looked up, folded in).
    from chat_ui import opening

    session_id = (await a.state(ChatState)).current_id
    detail = await get_backend().get_session(session_id)
    (stored,) = t.closed((await opening.read("", session_id)).stored)
    replayed = turn_view(stored, live.turn.key)
    assert [[h.file for h in blk.hits] for blk in replayed.blocks if blk.kind == "tool"] == [[h.file for h in t_.hits] for t_ in tools]
    assert [blk.image_label for blk in replayed.blocks if blk.kind == "tool"] == [t_.image_label for t_ in tools]

    # A passage its card leaves out: the dialog names its file as the card would.
    card = next(t_ for t_ in tools if t_.passage_count > len(t_.hits))
    await a.run(CitationState.show({"block": card.key, "row": -1, "offset": card.passage_count - 1,
                                    "number": card.hits[0].number + card.passage_count - 1}))
    assert (await a.state(CitationState)).passage.file in files

    markdown = to_markdown(detail, await stored_names(get_backend(), detail))
    assert all(f in markdown for f in files) and "dfl-" not in markdown.split("Page screenshot")[0]
    assert counted_directory_calls == looked_up  # the replay, the dialog and the export: no lookup again


async def test_a_listing_with_states_asks_each_index_and_keeps_what_it_cannot_read_unknown():
    from chat_ui.views import index_view

    class Backend(Directories):
        async def list_indexes(self):
            return [m.Index(id=i, name=i.upper(), output_directory_id=f"dir-{i}") for i in ("idx-a", "idx-b", "idx-c")]

        async def get_index(self, index_id):
            self.index_calls.append(index_id)
            if index_id == "idx-c":
                raise ServerError("down", status_code=503)
            return m.Index(id=index_id, name=index_id.upper(), sync_in_progress=index_id == "idx-b",
                           output_directory_id=f"dir-{index_id}")

    backend, catalog = Backend({}), IndexCatalog()
    listed = await catalog.listed_with_state(backend)
    assert [(v.id, v.state, v.pickable) for v in map(index_view, listed)] == [
        ("idx-a", "ready", True), ("idx-b", "syncing", False), ("idx-c", "", True)]
    assert sorted(backend.index_calls) == ["idx-a", "idx-b", "idx-c"]
    assert (await catalog.get(backend, "idx-b")).sync_in_progress is True and len(backend.index_calls) == 3  # kept
    again = await catalog.listed_with_state(backend)  # another tab, a moment later: no call
    assert [i.id for i in again] == ["idx-a", "idx-b", "idx-c"] and len(backend.index_calls) == 3
