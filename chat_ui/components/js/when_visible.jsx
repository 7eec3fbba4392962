// WhenVisible: calls onVisible() once, the first time its div is actually on
// screen. Used to load heavy things (sources, page images) lazily: a div in a
// closed <details> is not visible, so it fires when the details is opened or
// scrolled into view. A new resetKey arms it again.
//
// It watches against its nearest scrolling ancestor (a transcript, a list), so
// rootMargin reaches beyond that scroller's edge and loads ahead of the reader;
// against the viewport, the scroller's own clipping would make any margin moot.
import React, { useCallback, useEffect, useRef } from "react";
import { useMergedRef } from "./merged_ref.js";

const SCROLLS = /(auto|scroll|overlay)/;

// The nearest ancestor that scrolls vertically; null (the viewport) if none does.
export function scrollParent(el) {
  for (let node = el.parentElement; node && node !== document.body && node !== document.documentElement;
       node = node.parentElement) {
    if (SCROLLS.test(getComputedStyle(node).overflowY)) return node;
  }
  return null;
}

export function WhenVisible({ children, onVisible, resetKey, rootMargin = "100px", ref: outerRef, ...rest }) {
  const [ref, setNode] = useMergedRef(outerRef);
  const callback = useRef(onVisible);
  callback.current = onVisible;

  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    let fired = false;
    const fire = () => {
      if (fired) return;
      fired = true;
      if (callback.current) callback.current();
    };
    if (typeof IntersectionObserver === "undefined") {
      fire();
      return undefined;
    }
    const io = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          // A hidden element (e.g. inside a closed <details>) reports
          // isIntersecting=false and an empty rect.
          const r = entry.boundingClientRect;
          if (entry.isIntersecting && (r.width > 0 || r.height > 0 || el.getClientRects().length > 0)) {
            fire();
            io.disconnect();
            return;
          }
        }
      },
      { root: scrollParent(el), rootMargin }
    );
    io.observe(el);
    return () => io.disconnect();
  }, [resetKey, rootMargin]);

  return (
    <div {...rest} ref={setNode}>
      {children}
    </div>
  );
}

export default WhenVisible;
