"""The local corpus: indexes as folders of documents, chunked and ranked with BM25.

Layout: ``<corpus_dir>/<index-folder>/index.json`` (``{"id", "name", "description"}``) plus
documents (``.md``, ``.txt``, ``.pdf``). Every file gets a stable source id
``dfl-<hash of its path relative to the corpus>``; every PDF page has the attachment
``screenshots/page_<n>.jpg`` where ``n`` is **1-based**, like the page numbers a person reads.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import bm25s
import numpy as np
import pypdfium2

_PDFIUM_LOCK = threading.Lock()  # pdfium is not thread-safe
_ATTACHMENT_RE = re.compile(r"^screenshots/page_(\d+)\.jpg$")
_TOKEN_RE = re.compile(r"[a-z0-9][a-z0-9.$%]*[a-z0-9%]|[a-z0-9]")
_STOPWORDS = frozenset(
    "a an and are as at be by can do does for from has have how i in is it its me my of on or our "
    "so that the their there this to was we were what when where which who why will with you your "
    "about any tell please give show many much did long".split()
)
CHUNK_CHARS = 700


def attachment_name(page: int) -> str:
    """Attachment name of a 1-based PDF page."""
    return f"screenshots/page_{page}.jpg"


def page_of_attachment(name: str) -> int | None:
    """1-based page number named by ``screenshots/page_<n>.jpg``, or None."""
    m = _ATTACHMENT_RE.match(name)
    return int(m.group(1)) if m else None


def source_id_for(relative_path: str) -> str:
    return "dfl-" + hashlib.sha1(relative_path.encode()).hexdigest()[:12]


def tokenize(text: str) -> list[str]:
    out = []
    for tok in _TOKEN_RE.findall(text.lower()):
        tok = tok.strip(".")
        if not tok or tok in _STOPWORDS:
            continue
        if len(tok) > 4 and tok.endswith("ies"):
            tok = tok[:-3] + "y"
        elif len(tok) > 3 and tok.endswith("s") and not tok.endswith("ss"):
            tok = tok[:-1]
        out.append(tok)
    return out


@dataclass(frozen=True)
class Chunk:
    index_id: str
    file_name: str
    source_id: str
    chunk_index: int
    content: str
    start_char: int
    end_char: int
    page: int | None = None  # 1-based, PDFs only
    is_pdf: bool = False


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float


@dataclass
class SourceFile:
    source_id: str
    path: Path
    file_name: str
    index_id: str
    pages: int | None = None  # PDFs only
    relative_path: str = ""  # in the corpus: the file's unique id in its directory


@dataclass
class LocalIndex:
    id: str
    name: str
    description: str
    folder: Path
    chunks: list[Chunk] = field(default_factory=list)
    synced_at: float | None = None  # when its newest document changed (epoch seconds)
    _bm25: bm25s.BM25 | None = None

    @property
    def output_directory_id(self) -> str:
        """The directory its parsed files live in: the one a passage's file id is looked up in."""
        return f"dir-local-{self.folder.name}-parsed"

    def retrieve(self, query: str, top_k: int = 5) -> list[Hit]:
        tokens = [t for t in tokenize(query) if self._bm25 is not None and t in self._bm25.vocab_dict]
        if not tokens or self._bm25 is None:
            return []
        scores = np.asarray(self._bm25.get_scores(tokens))
        order = np.argsort(-scores, kind="stable")[:top_k]
        return [Hit(self.chunks[i], round(float(scores[i]), 4)) for i in order if scores[i] > 0]

    def build(self) -> None:
        if not self.chunks:
            return
        bm25 = bm25s.BM25()
        bm25.index([tokenize(c.content + " " + c.file_name) or [""] for c in self.chunks], show_progress=False)
        self._bm25 = bm25


class Corpus:
    """All indexes under ``corpus_dir``, loaded once; PDF page images rendered on demand and cached."""

    def __init__(self, corpus_dir: Path) -> None:
        self.corpus_dir = corpus_dir
        self.indexes: dict[str, LocalIndex] = {}
        self.sources: dict[str, SourceFile] = {}
        self._images: dict[tuple[str, int], bytes] = {}
        self._load()

    # ---------------------------------------------------------------- loading

    def _load(self) -> None:
        if not self.corpus_dir.is_dir():
            return
        for meta_path in sorted(self.corpus_dir.glob("*/index.json")):
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            folder = meta_path.parent
            index = LocalIndex(
                id=meta["id"], name=meta.get("name", folder.name), description=meta.get("description", ""), folder=folder
            )
            for path in sorted(folder.rglob("*")):
                if path.is_file() and path.suffix.lower() in {".md", ".txt", ".pdf"}:
                    self._add_file(index, path)
            index.build()
            self.indexes[index.id] = index

    def _add_file(self, index: LocalIndex, path: Path) -> None:
        index.synced_at = max(index.synced_at or 0.0, path.stat().st_mtime)
        rel = path.relative_to(self.corpus_dir).as_posix()
        sid = source_id_for(rel)
        src = SourceFile(sid, path, path.name, index.id, relative_path=rel)
        self.sources[sid] = src
        if path.suffix.lower() == ".pdf":
            with _PDFIUM_LOCK:
                doc = pypdfium2.PdfDocument(str(path))
                try:
                    src.pages = len(doc)
                    texts = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
                finally:
                    doc.close()
            offset = 0
            for n, text in enumerate(texts, start=1):
                text = _clean_pdf_text(text)
                index.chunks.append(
                    Chunk(index.id, path.name, sid, n - 1, text, offset, offset + len(text), page=n, is_pdf=True)
                )
                offset += len(text)
        else:
            text = path.read_text(encoding="utf-8")
            for i, (start, end, content) in enumerate(_chunk_markdown(text)):
                index.chunks.append(Chunk(index.id, path.name, sid, i, content, start, end))

    def directory_file(self, directory_id: str, file_id: str) -> SourceFile | None:
        """The file ``file_id`` if it is in the index whose output directory is ``directory_id``."""
        src = self.sources.get(file_id)
        index = self.indexes.get(src.index_id) if src else None
        return src if index is not None and index.output_directory_id == directory_id else None

    # ---------------------------------------------------------------- pages

    def page_count(self, source_id: str) -> int | None:
        src = self.sources.get(source_id)
        return src.pages if src else None

    def render_page(self, source_id: str, page: int, *, scale: float = 1.5) -> bytes:
        """JPEG bytes of a 1-based PDF page; cached in memory. Blocking: call from a thread."""
        key = (source_id, page)
        if key in self._images:
            return self._images[key]
        src = self.sources[source_id]
        with _PDFIUM_LOCK:
            doc = pypdfium2.PdfDocument(str(src.path))
            try:
                image = doc[page - 1].render(scale=scale).to_pil().convert("RGB")
            finally:
                doc.close()
        buf = io.BytesIO()
        image.save(buf, format="JPEG", quality=82, optimize=True)
        self._images[key] = buf.getvalue()
        return self._images[key]


def _clean_pdf_text(text: str) -> str:
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    # Drop the running header/footer lines: they repeat on every page and carry no content.
    lines = [ln for ln in lines if ln and not ln.startswith(("NORTHWIND ANALYTICS", "Confidential -"))]
    return "\n".join(lines)


def _chunk_markdown(text: str) -> list[tuple[int, int, str]]:
    """Split by headings, then window paragraphs up to ~CHUNK_CHARS; each chunk keeps its heading path."""
    chunks: list[tuple[int, int, str]] = []
    headings: list[str] = []
    pos = 0
    sections: list[tuple[list[str], list[tuple[int, str]]]] = []
    current: list[tuple[int, str]] = []
    for para in re.split(r"\n\s*\n", text):
        start = text.find(para, pos)
        pos = start + len(para)
        para = para.strip()
        if not para:
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", para.split("\n", 1)[0])
        if m:
            if current:
                sections.append((list(headings), current))
                current = []
            level = len(m.group(1))
            headings = headings[: level - 1] + [m.group(2).strip()]
            rest = para.split("\n", 1)[1].strip() if "\n" in para else ""
            if rest:
                current.append((start, rest))
            continue
        current.append((start, para))
    if current:
        sections.append((list(headings), current))

    for heads, paras in sections:
        prefix = " > ".join(heads)
        window: list[tuple[int, str]] = []
        for start, para in paras:
            size = sum(len(p) for _, p in window)
            if window and size + len(para) > CHUNK_CHARS:
                chunks.append(_window(prefix, window))
                window = []
            window.append((start, para))
        if window:
            chunks.append(_window(prefix, window))
    return chunks


def _window(prefix: str, window: list[tuple[int, str]]) -> tuple[int, int, str]:
    body = "\n\n".join(p for _, p in window)
    start = window[0][0]
    end = window[-1][0] + len(window[-1][1])
    return start, end, (f"{prefix}\n\n{body}" if prefix else body)
