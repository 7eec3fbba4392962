"""The app's Radix Themes theme, and only the part of Radix Themes' CSS it uses.

Reflex's ``RadixThemesPlugin`` imports ``@radix-ui/themes/styles.css``: every one of Radix's 31
color scales (light, dark and P3 variants of each), about a quarter of the global stylesheet's
compressed bytes. Radix Themes 3 ships the same CSS split (``tokens/base.css``,
``tokens/colors/<scale>.css``, ``components.css``, ``utilities.css``), so :class:`RadixThemes`
imports those instead, with only the scales of :data:`COLOR_SCALES`: the theme's accent and gray,
and every color a component of the app names (``color_scheme="red"``) or its CSS reads
(``var(--amber-9)``). ``tests/test_theme.py`` checks the app names no other scale.

It also keeps Radix Themes out of Reflex's bundled libraries (:meth:`RadixThemes.get_frontend_dependencies`),
so the JavaScript of Radix components no page uses is not shipped either (a component a state
returns, evaluated in the browser, would need ``rx.dynamic``'s bundled library back: the app has none);
and since each component's
JavaScript names its classes (``"rt-TabsList"``), a Vite plugin (``vite_prune_radix_css.js``, written
into the web dir and registered in ``vite.config.js``) drops from the built stylesheet the rules of
the components no chunk names (avatars, tabs, radio cards, data lists, the theme panel...).

A scale left out does not break a component that asks for it: its ``--<scale>-*`` variables are
simply unset (no color). So a new ``color_scheme`` must be added here; the test says which.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import reflex as rx
from reflex_components_radix.plugin import RADIX_THEMES_PACKAGE

PACKAGE = RADIX_THEMES_PACKAGE  # "@radix-ui/themes@3.3.0", as Reflex pins it
ACCENT = "indigo"
GRAY = "slate"

# Besides the accent and the gray: "gray" (color_scheme="gray", and the plain gray some
# components fall back to), and the colors of states: errors, good/bad ratings, warnings, a
# running tool.
NAMED_COLORS = ("gray", "red", "green", "amber", "blue")

COLOR_SCALES: tuple[str, ...] = tuple(dict.fromkeys((ACCENT, GRAY, *NAMED_COLORS)))

_THEMES = "@radix-ui/themes"

# The Vite plugin that drops the rules of Radix components no chunk of the build uses.
PRUNE_PLUGIN = Path(__file__).with_name("vite_prune_radix_css.js")
PRUNE_FILE = "vite-plugin-prune-radix-css.js"
_VITE_CONFIG = "vite.config.js"
_PLUGINS = re.compile(r"(\bplugins:\s*\[)")


def with_prune_plugin(source: str) -> str:
    """The ``vite.config.js`` Reflex wrote, with :data:`PRUNE_FILE`'s plugin registered; left as it
    is when it has no ``plugins: [`` list to add it to (or has it already)."""
    if PRUNE_FILE in source or not _PLUGINS.search(source):
        return source
    source = _PLUGINS.sub(r"\1\n    pruneRadixCss(),", source, count=1)
    return f'import pruneRadixCss from "./{PRUNE_FILE}";\n{source}'


def stylesheets(scales: tuple[str, ...] = COLOR_SCALES) -> tuple[str, ...]:
    """What ``styles.css`` imports, in its order (color tokens, base tokens, components,
    utilities), with only ``scales`` of the colors."""
    return (
        *(f"{_THEMES}/tokens/colors/{scale}.css" for scale in scales),
        f"{_THEMES}/tokens/base.css",
        f"{_THEMES}/components.css",
        f"{_THEMES}/utilities.css",
    )


@dataclasses.dataclass
class RadixThemes(rx.plugins.RadixThemesPlugin):
    """Reflex's Radix Themes plugin (the theme wrapper, the package), importing only
    :func:`stylesheets` instead of all of ``styles.css``. Registered in ``rxconfig.py``."""

    scales: tuple[str, ...] = COLOR_SCALES

    def get_stylesheet_paths(self, **context: Any) -> tuple[str, ...]:
        return stylesheets(self.scales) if self.enabled else ()

    def get_frontend_dependencies(self, **context: Any) -> tuple[str, ...]:
        """None: Reflex *bundles* a plugin's dependencies (``import * as`` in ``root.jsx``, onto
        ``window.__reflex``, for components a state returns and the browser evaluates), which keeps
        every Radix Themes component (the theme panel, sliders, context menus…) in the page's
        chunks whether a page uses it or not. The app has no such components; the package is
        installed as ``rxconfig.py``'s ``frontend_packages`` (and every Radix component's import),
        and the pages import only the components they use."""
        return ()

    def get_static_assets(self, **context: Any) -> tuple[tuple[Path, str], ...]:
        return ((Path(PRUNE_FILE), PRUNE_PLUGIN.read_text(encoding="utf-8")),) if self.enabled else ()

    def pre_compile(self, **context: Any) -> None:
        if self.enabled:
            context["add_modify_task"](_VITE_CONFIG, with_prune_plugin)


def theme() -> rx.Component:
    return rx.theme(accent_color=ACCENT, gray_color=GRAY, radius="large", has_background=True)
