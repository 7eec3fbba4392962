"""The interface in several languages: every catalog has the same ids, placeholders and plural
forms as English; no component or page shows a literal the catalogs do not carry; a reader gets
their own choice, else their browser's languages, else the deployment's default; the choice is
kept per owner in the store."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from chat_ui.i18n.catalog import DIR, PLACEHOLDER, SHIPPED, catalog, plural_tags, t
from chat_ui.i18n.negotiate import negotiate
from chat_ui.i18n.settings import LanguageSettings, language_settings
from chat_ui.store import preferences

ROOT = Path(__file__).resolve().parents[1] / "chat_ui"


def _placeholders(message) -> set[str]:
    texts = message.values() if isinstance(message, dict) else [message]
    return {name for text in texts for name in PLACEHOLDER.findall(text)}


def test_the_shipped_catalogs_are_the_files_there_are():
    assert sorted(p.stem for p in DIR.glob("*.json")) == sorted(SHIPPED)


@pytest.mark.parametrize("lang", [lang for lang in SHIPPED if lang != "en"])
def test_every_catalog_has_englishs_ids_and_placeholders(lang):
    en, other = catalog("en"), catalog(lang)
    assert set(other) == set(en), f"{lang}: missing {set(en) - set(other)}, extra {set(other) - set(en)}"
    for key, source in en.items():
        assert _placeholders(other[key]) == _placeholders(source), f"{lang} {key}"
        assert isinstance(other[key], dict) == isinstance(source, dict), f"{lang} {key}: plural or not"
        if isinstance(other[key], dict):
            assert plural_tags(lang) <= set(other[key]), f"{lang} {key}: needs {plural_tags(lang)}"
            assert "count" in _placeholders(source) or "limit" in _placeholders(source) or "n" in _placeholders(source)
        else:
            assert other[key].strip(), f"{lang} {key} is empty"


def test_catalogs_are_valid_json_in_utf8():
    for lang in SHIPPED:
        json.loads((DIR / f"{lang}.json").read_text(encoding="utf-8"))


def test_lookup_fills_placeholders_and_picks_the_plural_form():
    assert t("en", "composer.count", count=1, max=10) == "1 of 10 character"
    assert t("en", "composer.count", count=5, max=10) == "5 of 10 characters"
    assert t("de", "share.status", when="x", count=1, audience="a") == "Geteilt x · 1 Antwort · a"
    assert t("ja", "composer.count", count=1, max=10) == "10 文字中 1 文字"
    assert t("xx", "chat.send") == "Send"  # an unknown language falls back to English
    assert t("fr", "lang.label") == "Langue"


# What a person reads, written as a literal in a component or a page, would never change language.
_PY_VISIBLE = re.compile(
    r"""(?:aria_label|placeholder|content|title|disabled_reason|label)\s*=\s*f?["']([^"']*[A-Za-z]{2}[^"']*)["']"""
    r"""|rx\.(?:text|heading|button|badge|link|el\.span|alert_dialog\.title|dialog\.title|table\.column_header_cell|select\.item"""
    r"""|dropdown_menu\.item|callout|el\.option|blockquote)\(\s*(?:rx\.icon\([^()]*\),\s*)?f?["']([^"']*[A-Za-z]{2}[^"']*)["']""")
_JSX_VISIBLE = re.compile(r"""(?:aria-label|title|placeholder)=["']([^"']*[A-Za-z]{2}[^"']*)["']|>\s*([A-Z][a-z]+(?: [a-z]+)+[.…]?)\s*<""")
# Literals that are not prose: ids, class names, CSS values, proper names.
# Files left out of the scan (none now: the reviewers' pages go through the catalogs too).
EXEMPT_FILES: set[str] = set()
ALLOWED = {"chat_ui", "Markdown", "JSON", "language", "github"}


def _offences(path: Path, pattern: re.Pattern) -> list[str]:
    found = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip().startswith(("#", "//", '"""')):
            continue
        for m in pattern.finditer(line):
            text = next(g for g in m.groups() if g)
            if text in ALLOWED or re.fullmatch(r"[\w.\-/ ]*\.\w+|[a-z_\-.]+|[\w\-]+\(.*\)", text):
                continue  # an id ("chat.send"), a class or a file name, not prose
            found.append(f"{path.relative_to(ROOT)}:{n}: {text!r}")
    return found


def test_no_component_or_page_shows_an_untranslated_literal():
    files = [(p, _PY_VISIBLE) for d in ("components", "pages") for p in (ROOT / d).glob("*.py")
             if str(p.relative_to(ROOT)) not in EXEMPT_FILES]
    files += [(p, _JSX_VISIBLE) for p in (ROOT / "components" / "js").glob("*.jsx")]
    offences = [o for path, pattern in files for o in _offences(path, pattern)]
    assert not offences, "put these in chat_ui/i18n/catalogs/*.json and use tr()/t():\n" + "\n".join(offences)


# Any other string that starts like a word of prose ("Per day", "Rating"), wherever it is passed:
# to a helper of the page (``stat("Good answers", ...)``), in a tuple of column names, as a default.
_PROSE = re.compile(r"[A-Z][a-z]+(?:\W|$)")
# (file, text) that must stay literal: the route's compiled title, replaced at once by the page's own.
ALLOWED_PROSE = {("components/not_found.py", "Page not found")}


def _prose(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            skip.add(id(body[0].value))  # a docstring
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in ("tag", "library") for t in node.targets):
            skip.add(id(node.value))  # a React component's name
    rel = str(path.relative_to(root))
    return [f"{rel}:{node.lineno}: {node.value!r}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
            and _PROSE.match(node.value) and (rel, node.value) not in ALLOWED_PROSE]


def test_no_component_or_page_passes_prose_anywhere():
    offences = [o for d in ("components", "pages") for path in sorted((ROOT / d).glob("*.py")) for o in _prose(path)]
    assert not offences, "put these in chat_ui/i18n/catalogs/*.json and use tr():\n" + "\n".join(offences)


def test_the_prose_scan_catches_a_helpers_literal(tmp_path):
    bad = tmp_path / "x.py"
    bad.write_text('"""Doc."""\ntag = "Composer"\nstat("Good answers", n)\nheads = ["Day (UTC)", "person"]\n')
    assert sorted(line.split(": ", 1)[1] for line in _prose(bad, tmp_path)) == ["'Day (UTC)'", "'Good answers'"]


def test_the_scan_catches_a_literal(tmp_path):
    bad = tmp_path / "x.py"
    bad.write_text('rx.button("Send it", aria_label="Send the message")\n'
                   'rx.dropdown_menu.item(rx.icon("braces", size=14), "JSON Lines", value="x")\n'
                   'rx.table.column_header_cell("Day (UTC)")\n')
    assert len(_offences_of(bad)) == 4


def _offences_of(path: Path) -> list[str]:
    return [m.group(0) for line in path.read_text().splitlines() for m in _PY_VISIBLE.finditer(line)]


@pytest.mark.parametrize("header, chosen, want", [
    ("de-AT,de;q=0.9,en;q=0.5", "", "de"),
    ("fr-CA", "", "fr"),
    ("pt-BR,pt;q=0.9,es;q=0.8,en;q=0.1", "", "es"),
    ("en;q=0.2, ja", "", "ja"),  # weighed by q, not by order
    ("zh-CN", "", "en"),  # nothing offered matches: the default
    ("", "", "en"),
    ("de", "ja", "ja"),  # the person's own choice wins over the browser
    ("de", "xx", "de"),  # a choice no longer offered is ignored
])
def test_negotiation(header, chosen, want):
    assert negotiate(header, chosen) == want


def test_the_deployment_chooses_its_languages_and_default(monkeypatch):
    monkeypatch.setenv("CHAT_UI_LANGUAGES", "de, fr_FR, klingon")
    monkeypatch.setenv("CHAT_UI_DEFAULT_LANGUAGE", "fr")
    settings = LanguageSettings.from_env()
    assert settings == LanguageSettings(offered=("de", "fr"), default="fr")
    monkeypatch.setenv("CHAT_UI_DEFAULT_LANGUAGE", "ja")  # not offered: the first offered
    assert LanguageSettings.from_env().default == "de"
    monkeypatch.setenv("CHAT_UI_LANGUAGES", "klingon")  # a typo never empties the switcher
    assert LanguageSettings.from_env().offered == SHIPPED


def test_negotiation_follows_the_deployment(monkeypatch):
    monkeypatch.setenv("CHAT_UI_LANGUAGES", "de,ja")
    monkeypatch.setenv("CHAT_UI_DEFAULT_LANGUAGE", "ja")
    language_settings.cache_clear()
    try:
        assert negotiate("fr,en;q=0.5", "") == "ja"
        assert negotiate("fr,de;q=0.5", "") == "de"
        assert negotiate("", "fr") == "ja"  # a choice the deployment no longer offers
    finally:
        language_settings.cache_clear()


async def test_the_language_is_kept_per_owner(store_url):
    assert await preferences.language("alice") == ""
    await preferences.set_language("alice", "de")
    await preferences.set_language("bob", "ja")
    await preferences.set_language("alice", "fr")  # changed, not added
    assert await preferences.language("alice") == "fr"
    assert await preferences.language("bob") == "ja"
    await preferences.set_language("", "de")  # no owner yet: the cookie alone keeps it
    assert await preferences.language("") == ""
