// FollowScroll: a transcript scroller that stays pinned to the bottom while
// an answer streams in, but only while the reader is at the bottom. Scrolling
// up stops following and shows "Jump to latest"; clicking it (or a change of
// pinSignal, e.g. a new prompt was sent) scrolls down and pins again.
//
// While unpinned it keeps the reader's place itself: when content is added
// above what the reader sees (earlier turns loading in at the top), the
// element they were looking at (the first `anchorSelector` match in view)
// stays where it was. Chromium's own scroll anchoring does this too, but not
// when the scroller sits at the very top, which is exactly where loading
// earlier turns happens.
import { useT } from "./i18n.js";
import React, { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useMergedRef } from "./merged_ref.js";

const NEAR_BOTTOM_PX = 40;


const distanceFromBottom = (el) => el.scrollHeight - el.scrollTop - el.clientHeight;
const reducedMotion = () => typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;

export function FollowScroll({ children, pinSignal, anchorSelector = ".turn", className, style, ref: outerRef, ...rest }) {
  const t = useT();
  const [scrollerRef, setScroller] = useMergedRef(outerRef);
  const contentRef = useRef(null);
  const pinned = useRef(true);
  const lastTop = useRef(0);
  const frame = useRef(0);
  const [showJump, setShowJump] = useState(false);
  const anchor = useRef(null); // {el, top}: what the reader sees at the top, and where

  // Note the first element in view, and its distance from the scroller's top.
  const remember = useCallback(() => {
    const el = scrollerRef.current;
    const content = contentRef.current;
    if (!el || !content) return;
    const top = el.getBoundingClientRect().top;
    for (const item of content.querySelectorAll(anchorSelector)) {
      const r = item.getBoundingClientRect();
      if (r.bottom > top) {
        anchor.current = { el: item, top: r.top - top };
        return;
      }
    }
    anchor.current = null;
  }, [anchorSelector]);

  // Content changed while the reader reads above the bottom: put what they saw back in place.
  const keepPlace = useCallback(() => {
    const el = scrollerRef.current;
    const a = anchor.current;
    if (!el || pinned.current || !a || !a.el.isConnected) return;
    const shift = a.el.getBoundingClientRect().top - el.getBoundingClientRect().top - a.top;
    if (Math.abs(shift) >= 1) {
      el.scrollTop += shift;
      lastTop.current = el.scrollTop;
    }
  }, []);

  const toBottom = useCallback((smooth) => {  // smooth unless the reader asked for less motion
    const el = scrollerRef.current;
    if (!el) return;
    if (smooth && !reducedMotion()) el.scrollTo({ top: el.scrollHeight, behavior: "smooth" });
    else el.scrollTop = el.scrollHeight;
    lastTop.current = el.scrollTop;
  }, []);

  // Content or size changed: follow on the next frame, once per frame.
  const schedule = useCallback(() => {
    if (!pinned.current || frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      if (pinned.current) toBottom(false);
    });
  }, [toBottom]);

  const repin = useCallback(
    (smooth) => {
      pinned.current = true;
      setShowJump(false);
      toBottom(smooth);
    },
    [toBottom]
  );

  const onScroll = useCallback(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const top = el.scrollTop;
    const atBottom = distanceFromBottom(el) <= NEAR_BOTTOM_PX;
    if (atBottom) {
      pinned.current = true;
      setShowJump(false);
    } else if (top < lastTop.current - 1) {
      // Only the reader moving up unpins; content growing below does not.
      pinned.current = false;
      setShowJump(true);
    } else if (!pinned.current) {
      setShowJump(true);
    }
    lastTop.current = top;
    // Only an unpinned view keeps its place, so only then is the anchor worth noting: while
    // pinned, every frame of a stream scrolls, and noting it would measure every turn each time.
    // The scroll that unpins (above) runs this too, so the anchor is fresh from that moment.
    if (!pinned.current) remember();
  }, [remember]);

  // A wheel or touch gesture upwards unpins at once, even before the scroll
  // event, so a fast stream cannot yank the view back down.
  const onWheel = useCallback((e) => {
    if (e.deltaY < 0 && pinned.current && scrollerRef.current &&
        scrollerRef.current.scrollHeight > scrollerRef.current.clientHeight) {
      pinned.current = false;
      remember(); // content may change before the scroll event: keep this place, not an old one
    }
  }, [remember]);

  useLayoutEffect(() => {
    toBottom(false);
  }, [toBottom]);

  useEffect(() => {
    const scroller = scrollerRef.current;
    const content = contentRef.current;
    if (!scroller || !content) return undefined;
    // Runs after React's commit and before paint: the reader never sees the shift.
    const changed = () => {
      keepPlace();
      schedule();
    };
    const mo = new MutationObserver(changed);
    mo.observe(content, { childList: true, subtree: true, characterData: true });
    let ro = null;
    if (typeof ResizeObserver !== "undefined") {
      ro = new ResizeObserver(changed);
      ro.observe(scroller);
      ro.observe(content);
    }
    return () => {
      mo.disconnect();
      if (ro) ro.disconnect();
      if (frame.current) cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [schedule, keepPlace]);

  // A turn asked for by address (a search hit's ?turn=N) is revealed here, not by a bare
  // scrollIntoView: that scroll may go down (the scroller still at its top while the history
  // renders), which does not unpin, and the next follow would take the reader to the bottom.
  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return undefined;
    const reveal = (e) => {
      const target = e.target;
      if (!(target instanceof Element) || !scroller.contains(target)) return;
      e.preventDefault();
      pinned.current = false;
      if (frame.current) cancelAnimationFrame(frame.current);
      frame.current = 0;
      target.scrollIntoView({ block: "start" });
      lastTop.current = scroller.scrollTop;
      anchor.current = { el: target, top: target.getBoundingClientRect().top - scroller.getBoundingClientRect().top };
      setShowJump(distanceFromBottom(scroller) > NEAR_BOTTOM_PX);
    };
    scroller.addEventListener("chatui-reveal", reveal);
    return () => scroller.removeEventListener("chatui-reveal", reveal);
  }, []);

  // A new pinSignal (e.g. the person sent a prompt) always brings the view down.
  const lastSignal = useRef(pinSignal);
  useEffect(() => {
    if (lastSignal.current === pinSignal) return; // StrictMode-safe "changed?"
    lastSignal.current = pinSignal;
    repin(false);
  }, [pinSignal, repin]);

  return (
    <div className={"chatui-follow" + (className ? " " + className : "")} style={style}>
      <div
        {...rest}
        ref={setScroller}
        className="chatui-follow-scroller"
        role="log"
        aria-live="off"
        tabIndex={0}
        onScroll={onScroll}
        onWheel={onWheel}
      >
        <div ref={contentRef} className="chatui-follow-content">
          {children}
        </div>
      </div>
      {showJump ? (
        <button
          type="button"
          className="chatui-follow-jump"
          aria-label={t("scroll.latest")}
          onClick={() => repin(true)}
        >
          <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor"
            strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
            <path d="M12 5v14" /><path d="M19 12l-7 7-7-7" />
          </svg>
          {t("scroll.latest")}
        </button>
      ) : null}
    </div>
  );
}

export default FollowScroll;
