// LiveText: an answer's (or a thought's) text, streaming or finished: one
// component for both, so an answer looks the same while it streams, when it
// ends, and when the chat is reopened.
//
// Reflex resends the full value of every changed state var, so streaming an
// answer through a var costs O(n^2) bytes. The server instead sends only the
// new text, as its own small socket event, into the client-side store of
// ./text_wire.js; this component renders a block from that store until the
// block's committed text arrives in state.
//
// Markdown (./markdown.jsx, loaded on first use): GFM, raw HTML skipped (model
// output never runs as HTML), links open in a new tab, code blocks get a copy
// button (./code_block.jsx), and citation markers "[n]" become chips
// (./citation.jsx) when the turn has an n-th passage.
import React, { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import { store } from "./text_wire.js";
import { indexPassages } from "./citations.js";
import { CitationContext } from "./citation.jsx";

// The markdown stack (./markdown.jsx: react-markdown, remark-gfm, the code highlighter) is loaded
// when a page first has an answer to show, not with the page: the empty chat, where everyone
// lands, never needs it. A page opened on a chat (/chat/<id>, a shared chat, the review) starts
// loading it with the page's modules, so it is there when the turns arrive; on the empty chat it
// starts when the first turn does (a LiveText mounts, its caret showing, before any text).
let markdownModule = null;
let markdownLoading = null;
export function loadMarkdown() {
  if (!markdownLoading) {
    markdownLoading = import("./markdown.jsx").then((mod) => (markdownModule = mod));
    markdownLoading.catch(() => { markdownLoading = null; }); // a failed chunk load is retried by the next answer
  }
  return markdownLoading;
}
if (typeof window !== "undefined" && !/^\/(chat\/?)?$/.test(window.location.pathname)) loadMarkdown();

const LazyMarkdown = lazy(() => loadMarkdown().then((mod) => ({ default: mod.Markdown })));

// Until the module is there (one request, once per page), the text shows as it is.
function Markdown({ source, streaming }) {
  if (markdownModule) return <markdownModule.Markdown source={source} streaming={streaming} />;
  return (
    <Suspense fallback={<div className="chatui-md-pending">{source}</div>}>
      <LazyMarkdown source={source} streaming={streaming} />
    </Suspense>
  );
}

function useBuffer(key) {
  const k = key == null ? "" : String(key);
  const subscribe = useCallback((fn) => store.subscribe(k, fn), [k]);
  const snapshot = useCallback(() => store.get(k), [k]);
  return useSyncExternalStore(subscribe, snapshot, () => "");
}

const NO_PASSAGES = [];

export function LiveText({
  streamKey,
  text,
  done,
  format = "markdown",
  passages = NO_PASSAGES,
  onOpenCitation,
  className,
  ...rest
}) {
  const live = useBuffer(streamKey);
  useEffect(() => { if (format !== "plain") loadMarkdown(); }, [format]);
  const committed = typeof text === "string" ? text : text == null ? "" : String(text);
  const useCommitted = Boolean(done) || committed !== "";
  const source = useCommitted ? committed : live;
  const streaming = !done;
  const plain = format === "plain";
  // Rebuilt when the turn renders (a tool result arrived), never per flush of text.
  const onOpen = useRef(onOpenCitation);
  onOpen.current = onOpenCitation;
  const citations = useMemo(
    () => ({ index: indexPassages(passages), onOpen: (p) => onOpen.current && onOpen.current(p) }),
    [passages],
  );
  const classes = [
    "chatui-live",
    plain ? "chatui-plain" : "chatui-md",
    streaming ? "chatui-live-streaming" : "",
    className || "",
  ]
    .filter(Boolean)
    .join(" ");

  if (plain) {
    return (
      <div {...rest} className={classes} data-stream-key={streamKey}>
        {source}
        {streaming ? <span className="chatui-caret" aria-hidden="true" /> : null}
      </div>
    );
  }
  return (
    <div {...rest} className={classes} data-stream-key={streamKey}>
      {source === "" ? (
        streaming ? <span className="chatui-caret" aria-hidden="true" /> : null
      ) : (
        <CitationContext.Provider value={citations}>
          <Markdown source={source} streaming={streaming} />
        </CitationContext.Provider>
      )}
    </div>
  );
}

export default LiveText;
