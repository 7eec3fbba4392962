// LiveText: streamed answer text that does not travel through Reflex state.
//
// Reflex resends the full value of every changed state var, so streaming an
// answer through a var costs O(n^2) bytes. The server instead sends only the
// new text, as its own small socket event, into the client-side store of
// ./text_wire.js; this component renders a block from that store until the
// block's committed text arrives in state.
import React, { useCallback, useSyncExternalStore } from "react";
import ReactMarkdown from "react-markdown";
import { store } from "./text_wire.js";
import remarkGfm from "remark-gfm";




const REMARK_PLUGINS = [remarkGfm];
const MD_COMPONENTS = {
  a: ({ node, ...props }) => (
    <a {...props} target="_blank" rel="noopener noreferrer" />
  ),
};

const Markdown = React.memo(function Markdown({ source }) {
  return (
    <ReactMarkdown remarkPlugins={REMARK_PLUGINS} components={MD_COMPONENTS} skipHtml>
      {source}
    </ReactMarkdown>
  );
});

function useBuffer(key) {
  const k = key == null ? "" : String(key);
  const subscribe = useCallback((fn) => store.subscribe(k, fn), [k]);
  const snapshot = useCallback(() => store.get(k), [k]);
  return useSyncExternalStore(subscribe, snapshot, () => "");
}

export function LiveText({
  streamKey,
  text,
  done,
  format = "markdown",
  className,
  ...rest
}) {
  const live = useBuffer(streamKey);
  const committed = typeof text === "string" ? text : text == null ? "" : String(text);
  const useCommitted = Boolean(done) || committed !== "";
  const source = useCommitted ? committed : live;
  const streaming = !done;
  const plain = format === "plain";
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
        <Markdown source={source} />
      )}
    </div>
  );
}

export default LiveText;
