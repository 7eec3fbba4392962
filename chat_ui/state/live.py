"""The turn being shown live, held apart from the finished history.

A tab never reads the backend's stream. ``send`` claims the session in the hub and starts a
runner (:mod:`chat_ui.turns.runner`); every tab that shows the chat — the sender, a reload, a
second window — runs a *follower*: a background task that reads the hub and turns each entry
into Reflex updates. Structure (new blocks, tool status, the end) goes into vars under the lock;
text never sits in a var: it travels as a small socket event of its own (:mod:`chat_ui.state.wire`)
into a client-side store, without the lock or a state diff, and is committed once in the view when
its block completes.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from dataclasses import replace

import reflex as rx

from chat_ui import transcript as t
from chat_ui.access.auth_pages import sign_in_link
from chat_ui.access.policy import SIGNED_OUT, admit_turn, can_open, claim, owner_of
from chat_ui.access.visitor import signin_token_of
from chat_ui.api import summary_cache
from chat_ui.api.errors import ChatAPIError, NotFoundError
from chat_ui.backends import get_backend
from chat_ui.state.chat import PROMPT_LIMIT, ChatState, page_title_script
from chat_ui.state.presence import Away
from chat_ui.state.wire import send_text, socket_of
from chat_ui.turns import get_hub
from chat_ui.turns.capacity import FULL, SLOTS, Slot
from chat_ui.turns.entries import Entry, TurnInfo, new_turn_id
from chat_ui.turns.hub import TurnHub
from chat_ui.turns.runner import start_turn
from chat_ui.views import BlockView, TurnView, derive_title, turn_view
from chat_ui.ops import observe
from chat_ui.i18n.message import msg

log = logging.getLogger(__name__)

# What a refused send says under the composer: kept as message ids, shown in the reader's language.
BROKEN = msg("live.broken")
BUSY = msg("live.busy")
WAIT_TICK_S = 5.0  # an idle follower checks on its tab this often

# The follower each tab of this process should be running, by client token. A newer follower
# replaces an older one at once (a reload, another chat opened), and the older one stops before
# it sends anything more.
FOLLOWERS: dict[str, str] = {}
# The socket each follower started on, by client token: a follower goes on across a navigation
# within the page (the same socket, the text store intact), never across a reload (a new page, an
# empty store, which needs the text so far first).
FOLLOWER_SOCKETS: dict[str, str | None] = {}


def still_ours(token: str, follower_id: str) -> bool:
    """The follower is still the tab's, and the tab's page is the one it started on: after a
    reload the new page's store is empty until its own follower sends the text so far, and an
    old follower's appends would put a stray tail there."""
    return FOLLOWERS.get(token) == follower_id and FOLLOWER_SOCKETS.get(token) == socket_of(token)


class LiveState(rx.State):
    # The turn's meta (status, usage, error) and its blocks are separate vars, so the end of a
    # turn resends a few fields, not the answer text again.
    turn: TurnView = TurnView()
    blocks: list[BlockView] = []
    # Turns finished during this visit. The live turn joins them when the next one starts, so
    # that costs this visit's turns, never the history the session was opened with.
    recent: list[TurnView] = []
    streaming: bool = False  # the shown turn is running (here or in any other tab)
    pin_signal: int = 0
    announcement: str = ""  # read once by an aria-live region when an answer finishes
    send_error: str = ""
    draft: str = ""
    draft_seq: int = 0
    _session: str = ""  # the chat this tab follows
    _follower: str = ""  # the id of this tab's follower; "" when it follows nothing

    # ------------------------------------------------------------------ under the lock

    def forget(self) -> None:
        """Another chat (or none) is shown: stop following, show no live turn."""
        self.unfollow()
        self.turn = TurnView()
        self.blocks = []
        self.recent = []
        self.streaming = False
        self.send_error = ""

    def unfollow(self) -> None:
        FOLLOWERS.pop(self.router.session.client_token, None)
        FOLLOWER_SOCKETS.pop(self.router.session.client_token, None)
        self._follower = ""
        self._session = ""

    def start_following(self, session_id: str) -> str:
        """Register a new follower for this tab; the caller starts it with :meth:`follow`."""
        follower_id = new_turn_id(0)[3:]
        FOLLOWERS[self.router.session.client_token] = follower_id
        FOLLOWER_SOCKETS[self.router.session.client_token] = socket_of(self.router.session.client_token)
        self._follower = follower_id
        self._session = session_id
        return follower_id

    def following(self, session_id: str) -> bool:
        token = self.router.session.client_token
        return self._session == session_id and bool(self._follower) and FOLLOWERS.get(token) == self._follower

    def following_here(self, session_id: str) -> bool:
        """Following ``session_id`` on the page's current socket (not a reloaded page)."""
        token = self.router.session.client_token
        return self.following(session_id) and FOLLOWER_SOCKETS.get(token) == socket_of(token) is not None

    def show(self, view: TurnView, *, running: bool) -> None:
        """Show ``view`` as the live turn; a different turn shown before moves to ``recent``.
        Assign only what changed: Reflex resends every assigned var whole."""
        if self.turn.key and view.key != self.turn.key:
            self.recent = [*self.recent, replace(self.turn, blocks=self.blocks)]
        meta = replace(view, blocks=[])
        if meta != self.turn:
            self.turn = meta
        if view.blocks != self.blocks:
            self.blocks = view.blocks
        if self.streaming != running:
            self.streaming = running

    def refuse(self, prompt: str, reason: str) -> None:
        """A refused send keeps the text: it goes back into the composer with the reason."""
        self.send_error = reason
        self.draft = prompt
        self.draft_seq += 1

    # ------------------------------------------------------------------ events

    @rx.event(background=True)
    async def stop(self):
        """Stop the shown turn, wherever it runs; every tab following it shows it stopped."""
        async with self:
            session_id, turn_id, running = self._session, self.turn.key, self.streaming
            owner = owner_of(self.router)
        if running and session_id and turn_id and await can_open(owner, session_id):
            await get_hub().request_stop(session_id, turn_id)

    @rx.event
    def dismiss_error(self):
        self.send_error = ""

    @rx.event
    def edit_prompt(self, prompt: str):
        """Put a prompt back in the composer."""
        self.draft = prompt
        self.draft_seq += 1

    @rx.event(background=True)
    async def send(self, prompt: str):
        async for update in send_turn(self, prompt):
            yield update

    @rx.event(background=True)
    async def pick_up_title(self, session_id: str):
        """A chat shows its first message as its title until the backend has made one (a little
        after its first turn): read the summary until it has, then show it here and in the list."""
        async with self:
            chat = await self.get_state(ChatState)
            if chat.current_id != session_id or chat._titled:  # the current chat passed the owner check
                return
        title = await title_for(session_id)
        if not title:
            return
        async with self:
            chat = await self.get_state(ChatState)
            if chat.current_id != session_id:
                return
            chat.title, chat._titled = title, True
        yield rx.call_script(page_title_script(title))
        from chat_ui.state.sessions import SessionsState

        yield SessionsState.titled(session_id, title)

    @rx.event(background=True)
    async def follow(self, session_id: str, follower_id: str, skip_turn: str = ""):
        """Show the session's turns live while this tab shows the session: the running one from
        its start, then every later one (``skip_turn``: a finished turn the history already has)."""
        async for update in follow_session(self, session_id, follower_id, skip_turn):
            yield update


# ---------------------------------------------------------------------------- send


async def send_turn(self: LiveState, prompt: str):
    """The body of :meth:`LiveState.send`; ``self`` is the background task's state proxy."""
    prompt = prompt.strip()
    slot: Slot | None = None
    started = False  # the slot goes to the runner, which gives it back when the turn ends
    turn_id, shown_before, had_messages = "", None, None
    try:
        async with self:
            if not prompt:
                return
            if len(prompt) > PROMPT_LIMIT:
                self.refuse(prompt, msg("composer.too_long", count=len(prompt), max=PROMPT_LIMIT))
                return
            if self.streaming:
                observe.refused("busy")
                self.refuse(prompt, BUSY)
                return
            chat = await self.get_state(ChatState)
            index_ids, reason = chat.indexes_for_send()
            if reason:
                self.refuse(prompt, reason)
                return
            slot = SLOTS.take()  # this worker's capacity: refused now, never queued
            if slot is None:
                observe.refused("worker_full")
                self.refuse(prompt, FULL)
                return
            session_id = chat.current_id
            bind = chat.bind_indexes and chat.capabilities.index_binding
            # A new chat's first turn is its turn 0, whatever this tab shows (a new chat that failed).
            ordinal = chat.earlier + len(chat.turns) + len(self.recent) + (1 if self.turn.key else 0) if session_id else 0
            turn_id = new_turn_id(ordinal)
            shown_before = (self.turn, self.blocks, self.recent, self.streaming)
            # The prompt shows at once, before the network says anything.
            self.show(turn_view(t.Turn(prompt=prompt), turn_id, live=True), running=True)
            self.send_error = ""
            self.announcement = ""
            self.pin_signal += 1
            had_messages, chat.has_messages = chat.has_messages, True
            follower_id = self._follower if self.following(session_id) else ""
            owner, address, signin = owner_of(self.router), self.router.session.client_ip, signin_token_of(self.router)
        refusal = await admit_turn(owner, session_id, address, signin)  # sign-in, ownership, rate limit: outside the lock
        if refusal:
            async with self:
                _take_back(self, turn_id, shown_before)
                (await self.get_state(ChatState)).has_messages = had_messages
                self.refuse(prompt, refusal)
                here = self.router.url.path or "/"
            if refusal == SIGNED_OUT:
                # The sign-in ended under an open tab: sign in again and come back here, where the
                # tab's state (kept by the same tab token) still holds the message.
                # A full page load: /auth/sign-in is the server's, not a page of the client's router.
                yield rx.call_script(f"window.location.assign({json.dumps(sign_in_link(here))})")
            return
        backend, hub = get_backend(), get_hub()
        new_chat = not session_id
        if new_chat:
            try:
                summary = await backend.create_session(index_ids if bind and index_ids else None)
            except ChatAPIError as exc:
                failed = t.apply(t.apply((), t.TurnStarted(prompt)), t.TurnEnded("error", str(exc)))
                async with self:
                    self.show(turn_view(failed[-1], turn_id), running=False)
                return
            session_id = summary.session_id
            await claim(owner, session_id)  # before anything lists or follows it
        info = TurnInfo(session_id=session_id, turn_id=turn_id, prompt=prompt, ordinal=ordinal, owner=owner)
        if not await hub.claim(info):
            started_here = ""  # a follower this tab already runs goes on; never a second one
            async with self:
                _take_back(self, turn_id, shown_before)  # the running turn shows instead
                observe.refused("busy")
                self.refuse(prompt, BUSY)
                if not self.following(session_id):
                    started_here = self.start_following(session_id)
            if started_here:
                yield LiveState.follow(session_id, started_here, "")
            return
        start_turn(backend, hub, info, index_ids, slot)  # first: the upstream starts before this tab's state is touched again
        started = True
        if new_chat:
            from chat_ui.state.sessions import SessionsState

            async with self:
                chat = await self.get_state(ChatState)
                chat.current_id = session_id
                chat.bound_index_ids = list(summary.index_ids or [])
                chat.title = derive_title(prompt)  # as the sidebar lists it, until the real title comes
                chat._titled = False
                # The sender follows at once: its first text must not wait for the new address's page load.
                follower_id = self.start_following(session_id)
                # Listed at once under a provisional title, without asking the backend for the list
                # (a crowd of new chats would each reload it); the real title reloads it after the turn.
                (await self.get_state(SessionsState)).add_created(
                    session_id, derive_title(prompt), summary.last_updated_at, ", ".join(summary.index_ids or []))
            yield LiveState.follow(session_id, follower_id, "")
            # The chat's own address, through the router (a reconnect reloads what the router thinks
            # the page is); that page's load follows the turn, which is running by now.
            yield rx.redirect("/chat/" + session_id, replace=True)
            return
        if not follower_id:
            async with self:
                follower_id = self.start_following(session_id)
            yield LiveState.follow(session_id, follower_id, "")
    except Exception:
        if started or not turn_id:
            raise
        # A fault of this server (Redis, the owner store) after the prompt showed: undo the
        # optimistic turn, so the tab is not left "running" with its prompt gone.
        log.exception("a send failed before its turn started")
        async with self:
            _take_back(self, turn_id, shown_before)
            if had_messages is not None:
                (await self.get_state(ChatState)).has_messages = had_messages
            self.refuse(prompt, BROKEN)
    finally:
        if slot is not None and not started:
            slot.release()


def _take_back(self: LiveState, turn_id: str, shown_before) -> None:
    """Undo the optimistic turn of a send that was refused after it showed."""
    if self.turn.key == turn_id:
        self.turn, self.blocks, self.recent, self.streaming = shown_before


# ---------------------------------------------------------------------------- follow


class _Superseded(Exception):
    """A newer follower took over this tab."""


async def follow_session(self: LiveState, session_id: str, follower_id: str, skip_turn: str):
    token = self.router.session.client_token
    if FOLLOWERS.get(token) != follower_id:
        return
    hub = get_hub()
    away = Away(token)
    last = skip_turn
    try:
        if not await can_open(owner_of(self.router), session_id):  # the client may call this with any id
            return
        while FOLLOWERS.get(token) == follower_id:
            info = await hub.wait_for_turn(session_id, last, WAIT_TICK_S)
            if info is None:
                if away.gone():
                    return
                continue
            async for update in follow_turn(self, hub, info, follower_id, away):
                yield update
            last = info.turn_id
    except _Superseded:
        return
    finally:
        if FOLLOWERS.get(token) == follower_id:
            del FOLLOWERS[token]
            FOLLOWER_SOCKETS.pop(token, None)


@contextlib.asynccontextmanager
async def _counted():
    try:
        yield
    finally:
        observe.follower_left()


async def follow_turn(self: LiveState, hub: TurnHub, info: TurnInfo, follower_id: str, away: Away):
    """Replay one turn from its start and follow it to its end."""
    token = away.token
    sent: dict[str, int] = {}  # text the browser holds per stream key
    # Closed on the way out, however it is left: the hub counts this reader as a viewer until then.
    observe.follower_joined()
    async with _counted(), contextlib.aclosing(hub.read(info)) as reads:
        async for batch in reads:
            if FOLLOWERS.get(token) != follower_id:
                raise _Superseded
            if not batch:
                if away.gone():
                    raise _Superseded
                continue
            view: TurnView | None = None
            ended = False
            replace_text: dict[str, str] = {}
            append_text: dict[str, str] = {}
            for entry in batch:
                view = entry.view or view
                ended = ended or entry.kind == "end"
                _collect_text(entry, sent, replace_text, append_text)
            if not still_ours(token, follower_id):
                raise _Superseded
            if not ended and (replace_text or append_text):
                # Text first: it needs no lock, and the page keeps text for a block not shown yet.
                await send_text(token, replace=replace_text, append=append_text)
            if view is not None:
                async with self:
                    if self._follower != follower_id:
                        raise _Superseded
                    self.show(view, running=not ended)
                    if ended:
                        await _finished(self, view)
            if ended:
                summary_cache.forget(info.session_id)  # a turn another worker ran moved it too
                if sent and still_ours(token, follower_id):
                    # The end's view holds every block's whole text, rendered from it from now
                    # on: free the buffers, without sending the text they would drop.
                    await send_text(token, reset=sorted(sent))
                yield LiveState.pick_up_title(info.session_id)
                return


def _collect_text(entry: Entry, sent: dict[str, int], replace_text: dict[str, str], append_text: dict[str, str]) -> None:
    """Fold an entry's text into this flush. This follower's first word on a key replaces what
    the browser may hold (an earlier follower of the same tab may have filled it before a
    reconnect); later a snapshot adds what is past what was sent, and a change appends."""
    for key, text in entry.text.items():
        have = sent.get(key)
        if have is None or (entry.kind == "snap" and key in replace_text):
            replace_text[key] = text
            append_text.pop(key, None)
            sent[key] = len(text)
        elif entry.kind == "snap":
            if len(text) > have:
                append_text[key] = append_text.get(key, "") + text[have:]
                sent[key] = len(text)
        elif key in replace_text:
            replace_text[key] += text
            sent[key] = have + len(text)
        else:
            append_text[key] = append_text.get(key, "") + text
            sent[key] = have + len(text)


async def _finished(self: LiveState, view: TurnView) -> None:
    (await self.get_state(ChatState))._add_totals(view)
    self.announcement = _announcement(view)


# The title being waited for, by session: every tab that shows the chat asks when a turn ends,
# and one series of summary reads in this worker serves them all.
_TITLES: dict[str, asyncio.Task[str]] = {}
TITLE_KEPT_S = 60.0
# The service makes a title a little after a chat's first turn: the summary is read again after
# each of these waits (about half a minute in all), then the chat keeps its first message.
TITLE_CHECKS_S = (0.0, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0)


async def title_for(session_id: str) -> str:
    """The session's generated title, once a summary has it; "" if none came."""
    task = _TITLES.get(session_id)
    if task is None:
        task = _TITLES[session_id] = asyncio.create_task(_ask_title(session_id), name=f"title {session_id}")
        loop = asyncio.get_running_loop()

        def done(task: asyncio.Task[str]) -> None:
            found = not task.cancelled() and task.exception() is None and task.result()
            loop.call_later(TITLE_KEPT_S if found else 0, _TITLES.pop, session_id, None)

        task.add_done_callback(done)
    return await asyncio.shield(task)  # a tab that stops waiting does not cancel the others' title


async def _ask_title(session_id: str) -> str:
    backend = get_backend()
    for wait in TITLE_CHECKS_S:
        await asyncio.sleep(wait)
        try:
            summary = await backend.get_summary(session_id)
        except NotFoundError:
            return ""
        except ChatAPIError:
            continue
        if summary.generated_title:
            summary_cache.put(summary)  # the list this title reloads reads it here
            return summary.generated_title
    return ""


def _announcement(view: TurnView) -> str:
    if view.status == "done":
        answer = "\n\n".join(b.text for b in view.blocks if b.kind == "text" and b.text)
        return msg("announce.done", answer=answer[:300])
    if view.status == "stopped":
        return msg("announce.stopped")
    return msg("announce.failed", error=view.error)
