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
// Markdown: GFM, raw HTML skipped (model output never runs as HTML), links open
// in a new tab, code blocks get a copy button (./code_block.jsx), and citation
// markers "[n]" become chips (./citation.jsx) when the turn has an n-th passage.
import React, { useCallback, useMemo, useRef, useSyncExternalStore } from "react";
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { store } from "./text_wire.js";
import { indexPassages, remarkCitations, trimPartialMarker } from "./citations.js";
import { CitationContext, CitationRef } from "./citation.jsx";
import { CodeBlock } from "./code_block.jsx";

const REMARK_PLUGINS = [remarkGfm, remarkCitations];
const Link = ({ node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer" />;
const COMPONENTS = {
  a: Link,
  pre: ({ node, children }) => <CodeBlock>{children}</CodeBlock>,
  "cite-ref": CitationRef,
};
const STREAMING_COMPONENTS = {
  ...COMPONENTS,
  pre: ({ node, children }) => <CodeBlock streaming>{children}</CodeBlock>,
};

const Markdown = React.memo(function Markdown({ source, streaming }) {
  return (
    <ReactMarkdown remarkPlugins={REMARK_PLUGINS} components={streaming ? STREAMING_COMPONENTS : COMPONENTS} skipHtml>
      {streaming ? trimPartialMarker(source) : source}
    </ReactMarkdown>
  );
});

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
