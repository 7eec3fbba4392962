"""One chat turn of the local agent, independent of HTTP.

:func:`run_turn` yields the events of a believable RAG agent run: thinking (as deltas, then
whole), one ``retrieve`` tool call and result per index, the answer (as deltas, then whole,
with numbered citations and a Sources list) and ``stop`` with usage. :class:`TurnRecorder`
turns what was yielded into the events a session stores, even when the turn is cut short.
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from chat_ui.api.models import (
    Event,
    ImageAttachment,
    JobMetadata,
    Stop,
    Text,
    TextDelta,
    Thinking,
    ThinkingDelta,
    ToolCall,
    ToolResult,
    Usage,
    event_to_json,
)
from chat_ui.local.corpus import Corpus, Hit, LocalIndex, attachment_name, tokenize
from chat_ui.local.faults import (
    DROP_MESSAGE,
    HUGE_BYTES,
    MANY_PASSAGES,
    STALL_S,
    STOP_ERROR_MESSAGE,
    SimulatedDrop,
    strip_directives,
)

TOP_K = 5
CITED = 3  # passages quoted in a natural-length answer
RELEVANT_FRACTION = 0.4  # cite only hits scoring at least this share of the best one
_WORDISH = re.compile(r"\S+\s*|\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9$\"'(])")


def split_deltas(text: str, n: int | None = None) -> list[str]:
    """Word-ish pieces of ``text`` (joined they give ``text`` back); exactly ``n`` pieces when
    ``n`` is set and ``text`` has at least ``n`` words."""
    pieces = _WORDISH.findall(text)
    if n is None or n >= len(pieces) or n <= 0:
        return pieces
    out, start = [], 0
    for i in range(n):
        end = (len(pieces) * (i + 1)) // n
        out.append("".join(pieces[start:end]))
        start = end
    return out


def estimate_tokens(chars: int) -> int:
    return max(1, round(chars / 4))


@dataclass
class _Plan:
    thinking: str
    calls: list[tuple[ToolCall, ToolResult, list[Hit]]]
    answer: str


def _result_payload(hits: list[Hit]) -> dict[str, Any]:
    results = []
    for h in hits:
        c = h.chunk
        results.append(
            {
                "content": c.content,
                "score": h.score,
                "rerank_score": None,
                # What the index's owner put there (nothing here): like the service, a passage
                # names its file only by ``parsed_directory_file_id``.
                "metadata": {},
                "static_fields": {
                    "parsed_directory_file_id": c.source_id,
                    "page_range_start": c.page,
                    "page_range_end": c.page,
                    "chunk_start_char": c.start_char,
                    "chunk_end_char": c.end_char,
                    "chunk_index": c.chunk_index,
                    "chunk_token_count": estimate_tokens(len(c.content)),
                    "attachments": (
                        [{"type": "screenshot", "attachment_name": attachment_name(c.page), "source_id": c.source_id}]
                        if c.is_pdf and c.page
                        else []
                    ),
                },
            }
        )
    return {"results": results}


def _segments(content: str, is_pdf: bool) -> list[str]:
    """Sentences of a chunk. PDF lines are re-joined when wrapped (long lines); headings and
    table rows stay apart and are dropped later for not ending like a sentence."""
    if not is_pdf and "\n\n" in content and not content.split("\n", 1)[0].rstrip().endswith((".", ":")):
        content = content.split("\n\n", 1)[1]  # drop the markdown heading path
    lines: list[str] = []
    prev = ""
    for line in content.split("\n"):
        line = re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", line).strip()
        if not line:
            prev = ""
            continue
        if is_pdf and lines and len(prev) >= 70:
            lines[-1] += " " + line
        else:
            lines.append(line)
        prev = line
    return [s for ln in lines for s in _SENTENCE_END.split(ln) if s]


def _best_sentences(hit: Hit, query_tokens: set[str], limit: int = 2) -> str:
    segs = _segments(hit.chunk.content, hit.chunk.is_pdf)
    sentences = [s for s in segs if s.endswith((".", "!", "?")) and len(s) > 20] or segs or [hit.chunk.content]
    ranked = sorted(
        range(len(sentences)), key=lambda i: (-len(query_tokens & set(tokenize(sentences[i]))), i)
    )[:limit]
    picked = " ".join(sentences[i] for i in sorted(ranked))
    return picked if len(picked) <= 420 else picked[:417].rsplit(" ", 1)[0] + "…"


def _where(hit: Hit) -> str:
    return f"{hit.chunk.file_name}, page {hit.chunk.page}" if hit.chunk.page else hit.chunk.file_name


def _compose_answer(question: str, indexes: list[LocalIndex], hits: list[tuple[int, Hit]], want_deltas: int | None,
                    also: tuple[int, Hit] | None = None) -> str:
    """``hits``: best first, each with its number among the turn's passages (numbered across the
    tool results in the order they were returned, as the chat UI numbers them), so ``[n]`` in the
    answer and in its Sources list names passage ``n``. ``also``: a passage cited as well, after
    the best ones."""
    names = " and ".join(f"**{ix.name}**" for ix in indexes)
    qtok = set(tokenize(question))
    sources: dict[int, str] = {}  # cited passage number -> where it is
    sources_of: dict[int, str] = {}
    if not indexes:
        body = [f"I could not search any of the indexes this question was asked of, so I have nothing to answer "
                f"“{question}” from. Try again in a moment."]
        pad: list[tuple[str, int | None]] = []
    elif not hits:
        body = [
            f"I could not find anything about “{question}” in {names}.",
            "Try rephrasing with the words a document would use, or ask about what these indexes cover: "
            + "; ".join(ix.description.rstrip(".") for ix in indexes if ix.description)
            + ".",
        ]
        pad = [(line, None) for line in body[1:]]
    else:
        body = []
        cited: dict[str, int] = {}  # where -> the number cited for it
        floor = hits[0][1].score * RELEVANT_FRACTION
        chosen = []
        for n, h in hits:
            if _where(h) not in cited and len(cited) < CITED and h.score >= floor:
                cited[_where(h)] = n
                chosen.append((n, h))
        lead = ["According to", "In addition,", "Finally,"]
        for i, (n, h) in enumerate(chosen):
            text = _best_sentences(h, qtok)
            opener = f"{lead[min(i, 2)]} {_where(h)}:" if i else f"Here is what I found in {names}."
            body.append(f"{opener} {text} [{n}]")
            sources[n] = _where(h)
        if also is not None:
            n, h = also
            body.append(f"The search also returned {_where(h)}: {_best_sentences(h, qtok, 1)} [{n}]")
            sources[n] = _where(h)
        pad = [
            (f"More context from {_where(h)}: {' '.join(h.chunk.content.split())} [{cited.get(_where(h), n)}]",
             cited.get(_where(h), n))
            for n, h in hits
        ]
        sources_of.update((n, _where(h)) for n, h in hits)

    def compose() -> str:
        listed = "\n".join(f"- [{n}] {where}" for n, where in sorted(sources.items()))
        return "\n\n".join(body) + ("\n\n**Sources**\n\n" + listed if sources else "")

    answer = compose()
    if want_deltas:
        k = 0
        while len(_WORDISH.findall(answer)) < want_deltas and pad:
            line, n = pad[k % len(pad)]
            body.append(line)
            if n is not None:
                sources.setdefault(n, sources_of[n])
            k += 1
            answer = compose()
    return answer


def plan_turn(corpus: Corpus, prompt: str, index_ids: list[str], answer_deltas: int | None = None,
              fault: str | None = None, syncing: frozenset[str] = frozenset()) -> _Plan:
    """``index_ids``: the indexes the turn can query; ``syncing`` ones have exported nothing yet."""
    question = strip_directives(prompt) or prompt.strip()
    indexes = [corpus.indexes[i] for i in index_ids if i in corpus.indexes]
    keywords = ", ".join(dict.fromkeys(tokenize(question))) or "the question"
    where = " and ".join(f"the {ix.name} index" for ix in indexes) or "the selected indexes"
    thinking = (
        f"The user asks: “{question[:200]}”. The key terms are {keywords}. "
        f"I will search {where} for passages about them, compare what comes back, "
        "and answer only from those passages, citing the file and page for each claim."
    )
    calls = []
    all_hits: list[tuple[int, Hit]] = []  # with each passage's number in the turn
    also: tuple[int, Hit] | None = None  # [fault:many]: the last passage of the widened result
    for ix in indexes:
        top_k = TOP_K if answer_deltas is None else max(TOP_K, 20)
        hits = [] if ix.id in syncing else ix.retrieve(question, top_k)
        widen = fault == "many" and also is None and bool(hits)
        if widen:
            hits = [hits[i % len(hits)] for i in range(MANY_PASSAGES)]
        call = ToolCall(
            call_id="call_" + secrets.token_hex(6),
            name="retrieve",
            arguments={"query": question, "index_id": ix.id, "top_k": top_k},
        )
        best_pdf = next((h for h in hits if h.chunk.is_pdf and h.chunk.page), None)
        result = ToolResult(
            call_id=call.call_id,
            name="retrieve",
            result=_result_payload(hits),
            image_attachment=(
                ImageAttachment(attachment_name=attachment_name(best_pdf.chunk.page), source_id=best_pdf.chunk.source_id)
                if best_pdf
                else None
            ),
        )
        calls.append((call, result, hits))
        first = len(all_hits) + 1
        all_hits.extend((first + j, h) for j, h in enumerate(hits))
        if widen:
            also = all_hits[-1]
    all_hits.sort(key=lambda nh: -nh[1].score)
    return _Plan(thinking, calls, _compose_answer(question, indexes, all_hits, answer_deltas, also))


async def run_turn(
    corpus: Corpus,
    prompt: str,
    index_ids: list[str],
    *,
    delta_interval_s: float = 0.0,
    answer_deltas: int | None = None,
    fault: str | None = None,
    skipped: list[str] | None = None,
    require_all: bool = False,
    syncing: frozenset[str] = frozenset(),
) -> AsyncIterator[Event]:
    """Yield the turn's events, pausing ``delta_interval_s`` after each delta; ends with ``stop``
    (or raises :class:`SimulatedDrop` for the ``drop`` fault). ``skipped``: requested indexes the
    turn cannot query; with ``require_all`` the turn fails at once for them."""
    skipped = list(skipped or [])
    if skipped and require_all:
        yield Stop(is_error=True, error=require_all_error(skipped), usage=None, skipped_index_ids=skipped)
        return
    plan = plan_turn(corpus, prompt, index_ids, answer_deltas, fault, syncing)

    async def pace() -> None:
        await asyncio.sleep(delta_interval_s) if delta_interval_s > 0 else await asyncio.sleep(0)

    for piece in split_deltas(plan.thinking):
        yield ThinkingDelta(content=piece)
        await pace()
    yield Thinking(content=plan.thinking)
    for i, (call, result, _) in enumerate(plan.calls):
        yield call
        await pace()
        if fault == "huge" and i == 0:
            result = result.model_copy(update={"result": huge_result(result.result)})
        yield result
    pieces = split_deltas(plan.answer, answer_deltas)
    if fault in ("stop-error", "drop"):
        pieces = pieces[: max(3, len(pieces) // 3)]
    for n, piece in enumerate(pieces):
        if fault == "stall" and n == max(3, len(pieces) // 3):
            await asyncio.sleep(STALL_S)  # not a byte meanwhile: the HTTP layer's keep-alives are further apart
        yield TextDelta(content=piece)
        await pace()
    if fault == "drop":
        raise SimulatedDrop(DROP_MESSAGE)
    if fault == "stop-error":
        yield Stop(is_error=True, error=STOP_ERROR_MESSAGE, usage=None, skipped_index_ids=skipped)
        return
    yield Text(content=plan.answer)
    yield Stop(is_error=False, error=None, usage=None, skipped_index_ids=skipped)  # usage filled by TurnRecorder


def require_all_error(skipped: list[str]) -> str:
    return f"Could not query {', '.join(skipped)}, and the turn requires every index it asks (require_all_indexes)."


def huge_result(result: dict[str, Any], size: int = HUGE_BYTES) -> dict[str, Any]:
    """The same passages repeated to about ``size`` bytes of JSON: what a retrieval with a huge
    ``top_k`` returns, for trying how the UI copes."""
    found = result.get("results") or [{"content": "(no passage)", "score": 0.0}]
    each = max(1, sum(len(json.dumps({**row, "chunk_copy": 10_000})) + 2 for row in found) // len(found))
    return {"results": [{**found[i % len(found)], "chunk_copy": i} for i in range(size // each + 1)]}


@dataclass
class TurnRecorder:
    """Folds a turn's events into what the session stores, and computes usage.

    Deltas are stream-only: a delta run ends in its whole event, and a run cut short is kept
    as a whole event with the partial text so an interrupted turn never vanishes.
    """

    prompt: str
    started: float = field(default_factory=time.perf_counter)
    events: list[dict[str, Any]] = field(default_factory=list)
    _partial: dict[str, str] = field(default_factory=dict)
    _in_chars: int = 0
    _out_chars: int = 0
    _calls: int = 0
    stopped: Stop | None = None

    def __post_init__(self) -> None:
        self._in_chars = len(self.prompt)

    def add(self, event: Event) -> Event:
        """Record ``event``; returns it (a ``stop`` with usage filled in)."""
        kind = event.type
        if kind in ("text_delta", "thinking_delta"):
            whole = kind.removesuffix("_delta")
            self._partial[whole] = self._partial.get(whole, "") + event.content  # type: ignore[union-attr]
            return event
        if kind in ("text", "thinking"):
            self._partial.pop(kind, None)
            self._out_chars += len(event.content)  # type: ignore[union-attr]
        elif kind == "tool_call":
            self._calls += 1
            self._out_chars += len(str(event.arguments))  # type: ignore[union-attr]
        elif kind == "tool_result":
            self._in_chars += len(str(event.result))  # type: ignore[union-attr]
        elif kind == "stop":
            self._flush_partials()
            event = event.model_copy(update={"usage": self.usage()})
            self.stopped = event  # type: ignore[assignment]
        self.events.append(event_to_json(event))
        return event

    def partial(self) -> dict[str, str]:
        """Streamed text whose whole event has not come yet, by kind (``thinking``, ``text``)."""
        return dict(self._partial)

    def usage(self) -> Usage:
        out = self._out_chars + sum(len(t) for t in self._partial.values())
        return Usage(
            duration_ms=round((time.perf_counter() - self.started) * 1000, 1),
            total_input_tokens=estimate_tokens(self._in_chars),
            total_output_tokens=estimate_tokens(out),
            turns=self._calls + 1,
        )

    def _flush_partials(self) -> None:
        for kind in ("thinking", "text"):
            if self._partial.get(kind):
                self.events.append(event_to_json(Thinking(content=self._partial[kind]) if kind == "thinking" else Text(content=self._partial[kind])))
        self._partial.clear()

    def finish(self, error: str | None = None) -> tuple[list[dict[str, Any]], JobMetadata]:
        """The events to store and the session's job metadata; adds an error ``stop`` if none came."""
        if self.stopped is None:
            self.add(Stop(is_error=True, error=error or "turn ended without a result", skipped_index_ids=[]))
        stop = self.stopped
        assert stop is not None and stop.usage is not None
        job = JobMetadata(
            duration_ms=stop.usage.duration_ms,
            error=stop.error,
            is_error=stop.is_error,
            total_input_tokens=stop.usage.total_input_tokens,
            total_output_tokens=stop.usage.total_output_tokens,
            turns=stop.usage.turns,
        )
        return self.events, job
