"""Citation markers in an answer: ``[3]`` or ``[1, 4]`` names passages by their number in the turn
(:func:`chat_ui.views.first_numbers`).

The browser reads markers with the same rule (``components/js/citations.js``): outside code,
a bracket holding one number or a comma-separated list of them. Keep the two in step.
"""

from __future__ import annotations

import re

MARKER = re.compile(r"\[(\d{1,4}(?:\s*,\s*\d{1,4})*)\]")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")


def marker_numbers(marker_body: str) -> list[int]:
    """``"1, 4"`` → ``[1, 4]``."""
    return [int(n) for n in marker_body.split(",")]


def cited_numbers(markdown: str) -> list[int]:
    """The passage numbers an answer cites, in the order first cited; markers inside code
    (fenced blocks, inline spans) are code, not citations. A marker that is really a link or a
    link reference (``[1](…)``, ``[1]: …``) is not a citation either."""
    seen: dict[int, None] = {}
    fence = ""
    for line in markdown.split("\n"):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            continue
        if opened:
            fence = opened.group(1)
            continue
        if line.startswith(("    ", "\t")):
            continue  # an indented code block (or a continuation line: rare for a marker)
        text = _INLINE_CODE.sub(" ", line)
        for match in MARKER.finditer(text):
            after = text[match.end():match.end() + 1]
            if after == "(" or (after == ":" and not text[:match.start()].strip()):
                continue
            for n in marker_numbers(match.group(1)):
                seen.setdefault(n, None)
    return list(seen)
