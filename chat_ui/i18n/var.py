"""Messages in components: ``tr("chat.send")`` instead of ``"Send"``.

A component's strings are compiled into the page once, so a literal can never change language.
:func:`tr` returns a Var expression, ``chatUiT(lang, "chat.send", {...})``, evaluated in the browser
against the catalogs shipped with the page (``components/js/i18n.js``) and the reader's language
(:class:`chat_ui.state.lang.LangState`). Changing the language re-renders the labels only; the
draft (kept by the composer itself) and a streaming answer (kept in the text wire's store) stay.
Parameters may be Vars (``tr("chat.delete_named", title=session.title)``); ``count`` picks the
plural form. Nothing here travels per streamed batch: the catalogs are part of the bundle.
"""

from __future__ import annotations

import json
from typing import Any

from reflex_base.utils.imports import ImportVar
from reflex_base.vars.base import Var, VarData
from reflex_base.vars.function import FunctionStringVar

import chat_ui.i18n.catalogs  # noqa: F401  (links the JSON files into the build)
from chat_ui.components.js import I18N
from chat_ui.i18n.catalog import catalog


def _fn(name: str) -> FunctionStringVar:
    return FunctionStringVar.create(name, _var_data=VarData(imports={I18N: [ImportVar(tag=name)]}))


def _lang() -> Var:
    from chat_ui.state.lang import LangState

    return LangState.lang


def _known(key: str) -> str:
    """``key``, if English has it: an unknown key fails here, at compile time."""
    if key not in catalog("en"):
        raise KeyError(f"no message {key!r} in chat_ui/i18n/catalogs/en.json")
    return key


def tr(key: str, **params: Any) -> Var[str]:
    """The message ``key`` in the reader's language (an unknown key fails here, at compile time)."""
    _known(key)
    args = [_lang(), key] + ([Var.create(params)] if params else [])
    return _fn("chatUiT").call(*args).to(str)


def tr_var(key: Var, **params: Any) -> Var[str]:
    """A message whose id is known only in the browser (``"group." + session.group``)."""
    args = [_lang(), key] + ([Var.create(params)] if params else [])
    return _fn("chatUiT").call(*args).to(str)


def tr_msg(value: Var) -> Var[str]:
    """A message a state keeps in a str var (:func:`chat_ui.i18n.message.msg`), in the reader's
    language; a var holding plain text (the backend's words) shows it as it is."""
    return _fn("chatUiMsg").call(_lang(), value).to(str)


def tr_known(value: Var | str, keys: dict[str, str]) -> Var[str]:
    """``value`` through the catalog when it is one of ``keys`` (the app's own words stored as
    text, such as the default feedback reasons), else as it is."""
    table = json.dumps({text: _known(key) for text, key in keys.items()}, ensure_ascii=False)
    value = Var.create(value)
    t = _fn("chatUiT")
    lang = _lang()
    return Var(
        _js_expr=f"((m, v) => Object.hasOwn(m, v) ? {t}({lang}, m[v]) : v)({table}, {value})",
        _var_data=VarData.merge(value._get_all_var_data(), t._get_all_var_data(), lang._get_all_var_data()),
    ).to(str)


def rel_time(iso: Var | str) -> Var[str]:
    """"5 min ago" for a UTC ISO time, in the reader's language (``Intl.RelativeTimeFormat``)."""
    return _fn("chatUiRel").call(_lang(), iso).to(str)


def number(value: Var | int | str) -> Var[str]:
    """A count as the reader writes numbers (``Intl.NumberFormat``)."""
    return _fn("chatUiNum").call(_lang(), value).to(str)


def date_time(unix_seconds: Var | float) -> Var[str]:
    """A moment as the reader writes dates (``Intl.DateTimeFormat``, in UTC, marked so: a shared
    link's time reads the same to everyone)."""
    return _fn("chatUiDate").call(_lang(), unix_seconds).to(str)


def day(iso_day: Var | str) -> Var[str]:
    """A UTC day (``2026-03-31``) as the reader writes dates (``Intl.DateTimeFormat``)."""
    return _fn("chatUiDay").call(_lang(), iso_day).to(str)


def percent(ratio: Var | float) -> Var[str]:
    """A share (``0.25``) as the reader writes percentages; a negative one (none) is "–"."""
    return _fn("chatUiPct").call(_lang(), ratio).to(str)


def duration(ms: Var | float) -> Var[str]:
    """Milliseconds as the reader writes a duration (``Intl.NumberFormat`` units); negative: "–"."""
    return _fn("chatUiDur").call(_lang(), ms).to(str)


def usage(input_tokens: Var | int, output_tokens: Var | int, turns: Var | int = -1, ms: Var | float = -1) -> Var[str]:
    """``1,234 in · 56 out · 2 turns · 3.4 s`` in the reader's language: tokens when there are any,
    turns and time when known (pass -1 to leave one out)."""
    return _fn("chatUiUsage").call(_lang(), input_tokens, output_tokens, turns, ms).to(str)
