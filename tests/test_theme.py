"""The global stylesheet carries only the Radix color scales the app uses, and every scale the app
names is among them (a scale left out leaves its components without color)."""

from __future__ import annotations

import re
from pathlib import Path

from chat_ui.theme import ACCENT, COLOR_SCALES, GRAY, RadixThemes, stylesheets

ROOT = Path(__file__).resolve().parents[1]
# Radix Themes 3's color scales (tokens/colors/<scale>.css).
RADIX_SCALES = ("tomato", "red", "ruby", "crimson", "pink", "plum", "purple", "violet", "iris", "indigo", "blue",
                "cyan", "teal", "jade", "green", "grass", "brown", "orange", "sky", "mint", "lime", "yellow", "amber",
                "gold", "bronze", "gray", "mauve", "slate", "sage", "olive", "sand")
_NAMES = "|".join(RADIX_SCALES)
# color_scheme="red", a color passed on to one (("good", "green")), color="gray" in JSX; var(--amber-9) in CSS.
_LITERAL = re.compile(rf"""["']({_NAMES})["']""")
_CSS_VAR = re.compile(rf"--({_NAMES})-(?:a?\d+|contrast|surface|indicator|track)\b")


def _named_scales() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    files = [ROOT / "rxconfig.py", *(ROOT / "chat_ui").rglob("*.py"), *(ROOT / "chat_ui").rglob("*.jsx"),
             *(ROOT / "chat_ui").rglob("*.js"), *(ROOT / "assets").glob("*.css"), *(ROOT / "assets").glob("*.js")]
    for path in files:
        if path.name == "theme.py":  # the list itself
            continue
        text = path.read_text(encoding="utf-8")
        for name in {*_LITERAL.findall(text), *_CSS_VAR.findall(text)}:
            found.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_color_the_app_names_is_imported():
    missing = {name: sorted(where) for name, where in _named_scales().items() if name not in COLOR_SCALES}
    assert not missing, f"add these to chat_ui/theme.py NAMED_COLORS: {missing}"


def test_only_the_used_scales_are_imported_not_all_of_radix():
    sheets = stylesheets()
    assert "@radix-ui/themes/styles.css" not in sheets
    assert not any(sheet.endswith("/tokens.css") for sheet in sheets)  # every scale
    scales = {m.group(1) for sheet in sheets if (m := re.search(r"/tokens/colors/([a-z]+)\.css$", sheet))}
    assert scales == set(COLOR_SCALES) and {ACCENT, GRAY} <= scales
    assert len(scales) < len(RADIX_SCALES) / 3
    # the rest of Radix Themes, in styles.css's order: tokens before the components that read them
    rest = [sheet.removeprefix("@radix-ui/themes/") for sheet in sheets if "/colors/" not in sheet]
    assert rest == ["tokens/base.css", "components.css", "utilities.css"]
    assert sheets.index(rest and "@radix-ui/themes/tokens/base.css") > max(
        i for i, sheet in enumerate(sheets) if "/colors/" in sheet)


def test_the_app_registers_the_pruned_plugin():
    from rxconfig import config

    plugins = [p for p in config.plugins if isinstance(p, RadixThemes)]
    assert len(plugins) == 1
    assert plugins[0].get_stylesheet_paths() == stylesheets()
    disabled = RadixThemes(enabled=False)
    assert disabled.get_stylesheet_paths() == ()


def test_radix_themes_is_installed_but_not_bundled_whole():
    """A bundled library is imported whole (``import * as``) into every page: all of Radix Themes'
    components shipped whatever the pages use. It is installed instead, and pages import what
    they use."""
    from rxconfig import config

    from chat_ui.theme import PACKAGE

    assert PACKAGE.startswith("@radix-ui/themes@")
    assert RadixThemes().get_frontend_dependencies() == ()
    assert PACKAGE in config.frontend_packages
