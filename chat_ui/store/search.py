"""The full-text index of finished turns, per owner: index a turn, forget a chat, search.

Every query binds the owner, so another person's chats never come back. The query is reduced to
folded words (:func:`chat_ui.store.folding.terms`) and each is quoted as a prefix term, so FTS
syntax in what people type is searched as text. SQLite uses FTS5 (``search_fts``), PostgreSQL a
generated ``tsvector`` under GIN with ``to_tsquery('simple', …)`` built from those quoted words.
Snippets are cut in Python from the text as written and returned as segments (text, marked), so
the page marks words with components and never renders text as HTML.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from sqlalchemy import Connection, delete, desc, func, literal_column, select, text

from chat_ui.store.dialect import upsert, upsert_many
from chat_ui.store.engine import reading, run, writing
from chat_ui.store.folding import fold, terms
from chat_ui.store.models import chat_names, owned, search_chats, search_turns

ORDERS = ("newest", "best")
SNIPPET_CHARS = 160
MARKUP = re.compile(r"\*\*|__|`+|^#+ ", re.M)  # markdown emphasis, code ticks, headings: noise in a snippet
MAX_TEXT = 200_000  # an answer longer than this is indexed by its start


@dataclass(frozen=True)
class TurnText:
    ordinal: int
    started_at: float
    prompt: str
    answer: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    session_id: str
    ordinal: int | None  # None: the chat's own name matched
    started_at: float
    snippet: tuple[tuple[str, bool], ...] = field(default_factory=tuple)  # (text, marked)


def _row(owner: str, session_id: str, turn: TurnText) -> dict:
    prompt, answer = turn.prompt[:MAX_TEXT], turn.answer[:MAX_TEXT]
    sources = "\n".join(turn.sources)[:MAX_TEXT]
    return {"owner": owner, "session_id": session_id, "ordinal": turn.ordinal, "started_at": turn.started_at,
            "prompt": prompt, "answer": answer, "sources": sources,
            "folded": fold(f"{prompt}\n{answer}\n{sources}")}


def _put_turns(conn: Connection, owner: str, session_id: str, turns: list[TurnText]) -> None:
    upsert_many(conn, search_turns, [_row(owner, session_id, turn) for turn in turns], ["owner", "session_id", "ordinal"],
                ["started_at", "prompt", "answer", "sources", "folded"])


def _index_turn(owner: str, session_id: str, turn: TurnText) -> None:
    with writing() as conn:
        _put_turns(conn, owner, session_id, [turn])


def _index_chat(owner: str, session_id: str, turns: list[TurnText], now: float) -> None:
    with writing() as conn:
        _put_turns(conn, owner, session_id, turns)
        upsert(conn, search_chats, {"owner": owner, "session_id": session_id, "indexed_at": now},
               ["owner", "session_id"], ["indexed_at"])


def _forget(owner: str, session_ids: list[str]) -> None:
    with writing() as conn:
        for table in (search_turns, search_chats, chat_names):
            conn.execute(delete(table).where(table.c.owner == owner, table.c.session_id.in_(session_ids)))


def _unindexed(owner: str, limit: int) -> tuple[list[str], int]:
    """The owner's chats never indexed whole (newest first, up to ``limit``) and how many in all.

    Asked at every first read of a list, where nearly always nothing is left: the batch alone,
    and the count only when a full batch says there may be more (with 10,000 chats, counting
    every time doubled the cost). ``NOT IN`` lets PostgreSQL hash the owner's indexed chats once;
    ``NOT EXISTS`` made it probe them 10,000 times (twice as slow there, no faster on SQLite)."""
    with reading() as conn:
        done = select(search_chats.c.session_id).where(search_chats.c.owner == owner)
        base = select(owned.c.session_id).where(owned.c.owner == owner, owned.c.session_id.not_in(done))
        rows = list(conn.execute(base.order_by(owned.c.touched.desc()).limit(limit)).scalars().all())
        if len(rows) < limit:
            return rows, len(rows)
        total = conn.execute(select(func.count()).select_from(base.subquery())).scalar_one()
        return rows, int(total)


def _fts_query(words: list[str]) -> str:
    return " ".join(f'"{w}"*' for w in words)  # words are \w only: no quote to escape


def _ts_query(words: list[str]) -> str:
    return " & ".join(f"'{w}':*" for w in words)  # \w only: no quote or operator inside


def _search(owner: str, query: str, order: str, limit: int) -> list[Hit]:
    words = terms(query)
    if not words:
        return []
    with reading() as conn:
        t = search_turns.c
        # First the ids of the best rows (narrow: owner and time only, no text through the sort),
        # then the text of those few.
        if conn.dialect.name == "postgresql":
            tsq = func.to_tsquery("simple", _ts_query(words))
            doc = literal_column("search_turns.doc")
            stmt = select(t.id).where(t.owner == owner, doc.op("@@")(tsq))
            rank = func.ts_rank(doc, tsq)
            stmt = stmt.order_by(desc(rank) if order == "best" else t.started_at.desc(), t.started_at.desc())
        else:
            stmt = (select(t.id).select_from(search_turns.join(text("search_fts"), text("search_fts.rowid = search_turns.id")))
                    .where(t.owner == owner, text("search_fts MATCH :q").bindparams(q=_fts_query(words))))
            stmt = stmt.order_by(text("search_fts.rank") if order == "best" else t.started_at.desc(), t.started_at.desc())
        ids = list(conn.execute(stmt.limit(limit)).scalars())
        by_id = {r.id: r for r in conn.execute(select(t.id, t.session_id, t.ordinal, t.started_at, t.prompt, t.answer,
                                                      t.sources).where(t.id.in_(ids)))} if ids else {}
        rows = [by_id[i] for i in ids if i in by_id]
        named = _named(conn, owner, words, limit)
    hits = [Hit(r.session_id, int(r.ordinal), float(r.started_at),
                snippet(MARKUP.sub("", f"{r.prompt}\n{r.answer}\n{r.sources}"), words))
            for r in rows]
    seen = {h.session_id for h in hits}
    return [h for h in named if h.session_id not in seen] + hits


def _named(conn: Connection, owner: str, words: list[str], limit: int) -> list[Hit]:
    """Chats whose own name holds every word (as a word start)."""
    stmt = select(chat_names.c.session_id, chat_names.c.name, chat_names.c.updated_at).where(
        chat_names.c.owner == owner, chat_names.c.name != "")
    for w in words:
        pattern = w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(chat_names.c.folded.like(f"%{pattern}%", escape="\\"))
    rows = conn.execute(stmt.limit(limit)).all()
    return [Hit(r.session_id, None, float(r.updated_at), snippet(r.name, words)) for r in rows]


def snippet(original: str, words: list[str], width: int = SNIPPET_CHARS) -> tuple[tuple[str, bool], ...]:
    """A window of ``original`` around the first matched word, as (text, marked) segments."""
    folded = fold(original)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\w*")
    first = pattern.search(folded)
    if first is None:
        return ((original[:width].replace("\n", " "), False),)
    start = max(0, first.start() - width // 3)
    end = min(len(original), start + width)
    out: list[tuple[str, bool]] = [("…", False)] if start > 0 else []
    pos = start
    for m in pattern.finditer(folded, first.start(), end):
        a, b = m.start(), min(m.end(), end)
        if a > pos:
            out.append((original[pos:a].replace("\n", " "), False))
        out.append((original[a:b], True))
        pos = b
    if pos < end:
        out.append((original[pos:end].replace("\n", " "), False))
    if end < len(original):
        out.append(("…", False))
    return tuple(out)


async def index_turn(owner: str, session_id: str, turn: TurnText) -> None:
    """Index (or re-index) one finished turn of the owner's chat."""
    if owner and session_id:
        await run(_index_turn, owner, session_id, turn)


async def index_chat(owner: str, session_id: str, turns: list[TurnText]) -> None:
    """Index a chat's whole history and mark it indexed."""
    await run(_index_chat, owner, session_id, turns, time.time())


async def forget(owner: str, session_ids: list[str]) -> None:
    """The chats left (deleted, or gone upstream): out of search, their names and pins too."""
    if owner and session_ids:
        await run(_forget, owner, list(session_ids))


async def unindexed(owner: str, limit: int = 50) -> tuple[list[str], int]:
    return await run(_unindexed, owner, limit) if owner else ([], 0)


async def search(owner: str, query: str, *, order: str = "newest", limit: int = 30) -> list[Hit]:
    """The owner's turns matching every word of ``query`` (prefixes; case and accents folded)."""
    if order not in ORDERS:
        raise ValueError(f"unknown order {order!r}")
    if not owner:
        return []
    return await run(_search, owner, query, order, max(1, min(limit, 200)))


def _titles(owner: str, session_ids: list[str]) -> dict[str, str]:
    with reading() as conn:
        found = {r.session_id: r.prompt for r in conn.execute(
            select(search_turns.c.session_id, search_turns.c.prompt).where(
                search_turns.c.owner == owner, search_turns.c.session_id.in_(session_ids), search_turns.c.ordinal == 0))}
        found.update({r.session_id: r.name for r in conn.execute(
            select(chat_names.c.session_id, chat_names.c.name).where(
                chat_names.c.owner == owner, chat_names.c.session_id.in_(session_ids), chat_names.c.name != ""))})
        return found


async def titles(owner: str, session_ids: list[str]) -> dict[str, str]:
    """A title for each of these chats as the index knows it: the person's name, else the first prompt."""
    return await run(_titles, owner, sorted(set(session_ids))) if owner and session_ids else {}
