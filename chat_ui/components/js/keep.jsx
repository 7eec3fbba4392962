// Keep: renders its children once per `version`, and never again while the
// version stays the same, however often its parent renders.
//
// Reflex resends a list var whole and re-renders every item of an
// rx.foreach whenever its state changes; a finished turn's content does not
// change, so re-rendering it (markdown, code highlighting) is pure waste —
// and with a long chat, it is what froze the page while an answer streamed.
// Parts of a kept turn that do change on their own (a screenshot resolving,
// a raw result opening) are rx.memo components that subscribe to their state
// themselves, so they still update inside a kept turn.
//
// RenderProbe counts the renders of what contains it, by name, in
// window.__chatUiRenders: tests and benchmarks read it to prove that
// streaming never re-renders finished turns.
import React, { memo } from "react";

export const Keep = memo(
  function Keep({ children }) {
    return children ?? null;
  },
  (before, after) => before.version === after.version,
);

export function RenderProbe({ name }) {
  if (typeof window !== "undefined") {
    const counts = (window.__chatUiRenders = window.__chatUiRenders || {});
    counts[name] = (counts[name] || 0) + 1;
  }
  return null;
}

export default Keep;
