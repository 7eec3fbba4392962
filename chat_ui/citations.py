"""Citation markers in an answer: ``[3]`` or ``[1, 4]`` names passages by their number in the turn
(:func:`chat_ui.views.first_numbers`).

The browser reads markers with the same rule (``components/js/citations.js``): outside code,
a bracket holding one number or a comma-separated list of them. Keep the two in step. The
browser finds code by parsing the markdown (remark, CommonMark); this reads it line by line,
with the CommonMark rules that matter for answers: a fence opens and closes it, and an indented
line is code only where a code block may start (after a blank line or a heading, never in the
middle of a paragraph) and only when indented 4 past the list item it sits in.
"""

from __future__ import annotations

import re

MARKER = re.compile(r"\[(\d{1,4}(?:\s*,\s*\d{1,4})*)\]")
_FENCE = re.compile(r"^( *)(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_LIST_ITEM = re.compile(r"^( *)([-+*]|\d{1,9}[.)])( *)(\S?)")
_ENDS_BLOCK = re.compile(r"^ {0,3}(#{1,6}(\s|$)|([-*_])( *\3){2,} *$|=+ *$)")  # heading, rule, setext line


def marker_numbers(marker_body: str) -> list[int]:
    """``"1, 4"`` → ``[1, 4]``."""
    return [int(n) for n in marker_body.split(",")]


def _prose_lines(markdown: str):
    """The lines of ``markdown`` that are not code, leading tabs expanded."""
    items: list[int] = []  # the content columns of the list items open around the line
    fence, fence_base = "", 0
    in_code = False
    may_start = True  # a code block may start here: after a blank line or a one-line block
    for raw in markdown.split("\n"):
        body = raw.lstrip(" \t")
        line = raw[:len(raw) - len(body)].expandtabs(4) + body
        indent = len(line) - len(body)
        if fence:
            closing = _FENCE.match(line)
            if closing and closing.group(2)[0] == fence[0] and len(closing.group(2)) >= len(fence) \
                    and indent - fence_base <= 3 and not line[closing.end():].strip():
                fence, may_start = "", True
            continue
        if not body:
            may_start = True
            continue
        if may_start:  # after a blank line, a less indented line leaves the items it is not in
            while items and indent < items[-1]:
                items.pop()
        base = items[-1] if items else 0
        if indent >= base + 4 and (in_code or may_start):
            in_code = True  # an indented code block (or its next line)
            continue
        in_code = False
        opened = _FENCE.match(line)
        if opened and indent - base <= 3:
            fence, fence_base = opened.group(2), base
            continue
        may_start = bool(_ENDS_BLOCK.match(line))
        item = _LIST_ITEM.match(line)
        if item and not may_start and (item.group(3) or not item.group(4)):
            while items and indent < items[-1]:
                items.pop()
            spaces = len(item.group(3))
            if item.group(4) and spaces > 4:  # the item starts with indented code
                items.append(indent + len(item.group(2)) + 1)
                in_code = True
                continue
            items.append(indent + len(item.group(2)) + (spaces if item.group(4) else 1))
            opened = _FENCE.match(line[items[-1]:])
            if opened and not opened.group(1):  # the item starts with a fence
                fence, fence_base = opened.group(2), items[-1]
                continue
        yield line


def cited_numbers(markdown: str) -> list[int]:
    """The passage numbers an answer cites, in the order first cited; markers inside code
    (fenced blocks, indented blocks, inline spans) are code, not citations. A marker that is
    really a link or a link reference (``[1](…)``, ``[1]: …``) is not a citation either."""
    seen: dict[int, None] = {}
    for line in _prose_lines(markdown):
        text = _INLINE_CODE.sub(" ", line)
        for match in MARKER.finditer(text):
            after = text[match.end():match.end() + 1]
            if after == "(" or (after == ":" and not text[:match.start()].strip()):
                continue
            for n in marker_numbers(match.group(1)):
                seen.setdefault(n, None)
    return list(seen)
