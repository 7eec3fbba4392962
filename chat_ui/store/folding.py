"""Text folded for search: case and diacritics removed, char by char, so an offset in the folded
text is an offset in the original (snippets mark the original words).

Done in Python rather than by the database so SQLite (unicode61) and PostgreSQL ('simple', no
unaccent extension) match alike.
"""

from __future__ import annotations

import functools
import re
import unicodedata

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
WORD = re.compile(r"\w+")
MAX_TERMS = 12  # a 1,000-character query is searched by its first words, never refused


@functools.lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """One character folded to one character (its base letter, lower case), so offsets stay."""
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    low = base.lower()
    return low if len(low) == 1 else ch.lower()[:1] or ch


def fold(text: str) -> str:
    text = CONTROL.sub(" ", text)
    if text.isascii():
        return text.lower()  # one char to one char in ASCII
    return "".join(map(fold_char, text))


def terms(query: str) -> list[str]:
    """The query's words, folded, as plain text: quotes, stars, NEAR, dashes and brackets are only
    separators or words here, never syntax. Duplicates dropped, order kept."""
    seen: list[str] = []
    for w in WORD.findall(fold(query or "")):
        w = w.replace("_", " ").strip()
        for part in w.split():
            if part not in seen:
                seen.append(part[:64])
    return seen[:MAX_TERMS]
