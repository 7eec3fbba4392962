// CitationChip: a marker "[n]" of an answer whose turn has an n-th passage.
// Hover or focus shows the passage (file, page, score, snippet); click, Enter or
// Space opens it (onOpen: the page's citation dialog, with the page screenshot).
// A marker naming a passage the turn does not have stays the plain text it was.
//
// The passages come from the turn's tool cards through CitationContext (see
// live_text.jsx), numbered by the one rule of chat_ui/views.py first_numbers. A
// passage its card leaves out (`unseen`: the browser has only its number) is a
// chip too; its popover says where it is, and opening it reads it on the server.
import { useT } from "./i18n.js";
import React, { createContext, useCallback, useContext, useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { indexPassages, passageFor } from "./citations.js";

// {index: indexPassages(...), onOpen}
export const CitationContext = createContext({ index: indexPassages([]), onOpen: null });

// The chip that opened the citation dialog, to give focus back when it closes.
let lastOpener = null;
// The chip being given focus back right now: its focus shows no popover (the reader just read
// the whole passage; a popover over the answer after every close is noise). Tab still shows it.
let returningTo = null;

// Used as the dialog's on_close_auto_focus: focus returns to the chip that opened it.
export function returnCitationFocus() {
  const el = lastOpener;
  lastOpener = null;
  if (!el || !el.isConnected) return;
  setTimeout(() => {
    returningTo = el;
    try {
      el.focus({ preventScroll: true }); // onFocus runs within this call
    } finally {
      returningTo = null;
    }
  }, 0);
}

// "passage 3 of 30" (inside a sentence) or "Passage 3 of 30" (a heading): where a passage its
// card leaves out sits in its result.
function place(p, t, key = "citation.place") {
  return t(key, { n: p.offset + 1, count: p.count });
}

function where(p, t) {
  if (p.unseen) return p.source ? `${place(p, t)}, ${p.source}` : place(p, t);
  return p.page ? t("citation.file_page", { file: p.file || t("citation.untitled"), page: p.page }) : p.file || t("citation.untitled");
}

function Popover({ id, anchor, passage }) {
  const t = useT();
  const [pos, setPos] = useState(null);
  useEffect(() => {
    if (!anchor) return;
    const r = anchor.getBoundingClientRect();
    const width = Math.min(340, window.innerWidth - 16);
    const left = Math.max(8, Math.min(r.left + r.width / 2 - width / 2, window.innerWidth - width - 8));
    const below = r.bottom + 8;
    const above = window.innerHeight - r.top + 8;
    setPos(r.top > window.innerHeight / 2 ? { left, width, bottom: above } : { left, width, top: below });
  }, [anchor]);
  const root = (typeof document !== "undefined" && document.querySelector(".radix-themes")) || null;
  if (!pos || !root) return null;
  return createPortal(
    <div id={id} role="tooltip" className="citation-popover" style={pos} data-testid="citation-popover">
      <div className="citation-popover-head">
        <span className="citation-popover-number">{passage.number}</span>
        <span className="citation-popover-file">{passage.unseen ? place(passage, t, "citation.place_head") : passage.file || t("citation.untitled")}</span>
      </div>
      {passage.unseen ? (
        <>
          {passage.source ? <div className="citation-popover-meta"><span>{passage.source}</span></div> : null}
          <p className="citation-popover-snippet">{t("citation.unseen")}</p>
        </>
      ) : (
        <>
          <div className="citation-popover-meta">
            {passage.page ? <span>{t("citation.page", { page: passage.page })}</span> : null}
            {passage.score ? <span>{t("citation.score", { score: passage.score })}</span> : null}
          </div>
          {passage.snippet ? <p className="citation-popover-snippet">{passage.snippet}</p> : null}
        </>
      )}
      <div className="citation-popover-hint">
        {passage.image_name ? t("citation.open_with_page") : t("citation.open")}
      </div>
    </div>,
    root,
  );
}

function Chip({ passage, onOpen }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const ref = useRef(null);
  const timer = useRef(null);
  const id = useId();
  const show = useCallback((delay) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setOpen(true), delay);
  }, []);
  const hide = useCallback(() => {
    clearTimeout(timer.current);
    setOpen(false);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    if (!open) return;
    const close = () => setOpen(false);
    // Esc closes the popover, and only that (not also the answer: the page's shortcuts skip
    // a key already handled).
    const onKey = (e) => {
      if (e.key !== "Escape") return;
      e.preventDefault();
      setOpen(false);
    };
    window.addEventListener("scroll", close, true);
    window.addEventListener("resize", close);
    window.addEventListener("keydown", onKey, true);
    return () => {
      window.removeEventListener("scroll", close, true);
      window.removeEventListener("resize", close);
      window.removeEventListener("keydown", onKey, true);
    };
  }, [open]);
  const activate = (e) => {
    e.preventDefault();
    hide();
    if (!onOpen) return;
    lastOpener = ref.current;
    onOpen({
      block: String(passage.block || ""),
      // unseen: the browser knows only its place among the result's passages
      row: passage.unseen ? -1 : Number(passage.row) || 0,
      offset: passage.unseen ? Number(passage.offset) : -1,
      number: Number(passage.number) || 0,
      file: String(passage.file || ""),
      page: String(passage.page || ""),
      score: String(passage.score || ""),
      snippet: String(passage.snippet || ""),
      image_source: String(passage.image_source || ""),
      image_name: String(passage.image_name || ""),
    });
  };
  return (
    <>
      <button
        ref={ref}
        type="button"
        className="citation-chip"
        data-number={passage.number}
        aria-label={t("citation.chip", { number: passage.number, where: where(passage, t) })}
        aria-describedby={open ? id : undefined}
        aria-haspopup="dialog"
        onMouseEnter={() => show(150)}
        onMouseLeave={hide}
        onFocus={() => { if (returningTo !== ref.current) show(0); }}
        onBlur={hide}
        onClick={activate}
      >
        {passage.number}
      </button>
      {open ? <Popover id={id} anchor={ref.current} passage={passage} /> : null}
    </>
  );
}

// Rendered for every marker the markdown holds (remarkCitations in citations.js).
export function CitationRef({ node, children }) {
  const { index, onOpen } = useContext(CitationContext);
  const props = (node && node.properties) || {};
  const numbers = String(props.dataNumbers || "")
    .split(",")
    .map((n) => Number(n))
    .filter((n) => n > 0);
  const passages = numbers.map((n) => passageFor(index, n));
  if (passages.length === 0 || !passages.every(Boolean)) {
    return <>{props.dataRaw || children}</>;
  }
  return (
    <span className="citation-group">
      {passages.map((p, i) => ( // by place: "[1, 1]" names one passage twice
        <Chip key={i} passage={p} onOpen={onOpen} />
      ))}
    </span>
  );
}

export default CitationRef;
