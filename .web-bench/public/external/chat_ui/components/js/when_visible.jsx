// WhenVisible: calls onVisible() once, the first time its div is actually on
// screen. Used to load heavy things (sources, page images) lazily: a div in a
// closed <details> is not visible, so it fires when the details is opened or
// scrolled into view. A new resetKey arms it again.
import React, { useCallback, useEffect, useRef } from "react";
import { useMergedRef } from "./merged_ref.js";


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
      { rootMargin }
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
