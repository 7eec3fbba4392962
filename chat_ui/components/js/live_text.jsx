// LiveText: streamed answer text that does not travel through Reflex state.
//
// Reflex resends the full value of every changed state var, so streaming an
// answer through a var costs O(n^2) bytes. The server instead sends only the
// new text, as `rx.call_script("window.chatUi.append({...})")` events, and
// this module keeps the growing text in a small client-side store.
//
// window.chatUi API (installed once, when this module is imported):
//   append(batch)  batch = {"<key>": "new text", ...}; appends to each key's
//                  buffer (created if absent, so text that arrives before its
//                  component mounts is kept) and notifies that key's readers.
//   reset(keys?)   forget the given keys (a string or an array), or all keys.
//   get(key)       the key's buffered text ("" if none).
//   subscribe(key, fn) -> unsubscribe   (used by LiveText)
// Batches pushed to window.__chatUiPending before this module loaded are
// drained on install.
import React, { useCallback, useSyncExternalStore } from "react";
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";

function createStore() {
  const buffers = new Map(); // key -> string (JS string concat is a cheap rope)
  const listeners = new Map(); // key -> Set<fn>

  const notify = (key) => {
    const set = listeners.get(key);
    if (set) for (const fn of set) fn();
  };

  return {
    append(batch) {
      if (!batch || typeof batch !== "object") return;
      for (const key in batch) {
        const piece = batch[key];
        if (piece == null || piece === "") continue;
        const prev = buffers.get(key);
        buffers.set(key, prev === undefined ? String(piece) : prev + piece);
        notify(key);
      }
    },
    reset(keys) {
      if (keys == null) {
        const all = Array.from(buffers.keys());
        buffers.clear();
        all.forEach(notify);
        return;
      }
      for (const key of typeof keys === "string" ? [keys] : keys) {
        if (buffers.delete(key)) notify(key);
      }
    },
    get(key) {
      return buffers.get(key) ?? "";
    },
    subscribe(key, fn) {
      let set = listeners.get(key);
      if (!set) listeners.set(key, (set = new Set()));
      set.add(fn);
      return () => {
        set.delete(fn);
        if (set.size === 0 && listeners.get(key) === set) listeners.delete(key);
      };
    },
  };
}

function installStore() {
  if (typeof window === "undefined") return createStore();
  if (!window.chatUi || !window.chatUi.__chatUiStore) {
    const store = createStore();
    Object.defineProperty(store, "__chatUiStore", { value: true });
    window.chatUi = store;
    const pending = window.__chatUiPending;
    if (Array.isArray(pending)) {
      delete window.__chatUiPending;
      pending.forEach((batch) => store.append(batch));
    }
  }
  return window.chatUi;
}

const store = installStore();

const STYLE_ID = "chatui-live-text-style";
const CSS = `
.chatui-live { min-width: 0; overflow-wrap: anywhere; }
.chatui-plain { white-space: pre-wrap; font-family: inherit; margin: 0; }
.chatui-md { line-height: 1.6; }
.chatui-md > :first-child { margin-top: 0; }
.chatui-md > :last-child { margin-bottom: 0; }
.chatui-md p, .chatui-md ul, .chatui-md ol, .chatui-md pre,
.chatui-md blockquote, .chatui-md table { margin: 0 0 0.75em 0; }
.chatui-md ul, .chatui-md ol { padding-left: 1.5em; }
.chatui-md blockquote > :last-child, .chatui-md li > :last-child { margin-bottom: 0; }
.chatui-md li + li { margin-top: 0.25em; }
.chatui-md h1, .chatui-md h2, .chatui-md h3, .chatui-md h4 {
  line-height: 1.3; margin: 1em 0 0.5em 0; font-weight: 600;
}
.chatui-md h1 { font-size: 1.4em; } .chatui-md h2 { font-size: 1.25em; }
.chatui-md h3 { font-size: 1.1em; } .chatui-md h4 { font-size: 1em; }
.chatui-md a { color: var(--accent-11); text-decoration: underline;
  text-underline-offset: 2px; }
.chatui-md code { font-family: var(--code-font-family, ui-monospace, monospace);
  font-size: 0.9em; background: var(--gray-a3); border-radius: 4px;
  padding: 0.1em 0.3em; }
.chatui-md pre { background: var(--gray-a3); border-radius: var(--radius-3, 8px);
  padding: 0.75em 1em; overflow-x: auto; }
.chatui-md pre code { background: none; padding: 0; font-size: 0.875em; }
.chatui-md blockquote { border-left: 3px solid var(--gray-a6);
  padding-left: 0.75em; color: var(--gray-11); }
.chatui-md table { border-collapse: collapse; display: block; overflow-x: auto; }
.chatui-md th, .chatui-md td { border: 1px solid var(--gray-a6);
  padding: 0.3em 0.6em; text-align: left; }
.chatui-md th { background: var(--gray-a2); }
.chatui-md hr { border: none; border-top: 1px solid var(--gray-a6); margin: 1em 0; }
.chatui-md img { max-width: 100%; }
@keyframes chatui-blink { 0%, 45% { opacity: 1; } 55%, 100% { opacity: 0; } }
.chatui-caret { display: inline-block; width: 0.5em; height: 1.1em;
  margin-left: 2px; vertical-align: text-bottom; background: var(--accent-9);
  border-radius: 1px; animation: chatui-blink 1s step-end infinite; }
/* The caret follows the last text block while streaming (not tables/code). */
.chatui-live-streaming.chatui-md > :is(p, h1, h2, h3, h4, h5, h6):last-child::after,
.chatui-live-streaming.chatui-md > :is(ul, ol):last-child > li:last-child::after,
.chatui-live-streaming.chatui-md > blockquote:last-child > :last-child::after {
  content: ""; display: inline-block; width: 0.5em; height: 1.1em;
  margin-left: 2px; vertical-align: text-bottom; background: var(--accent-9);
  border-radius: 1px; animation: chatui-blink 1s step-end infinite; }
@media (prefers-reduced-motion: reduce) {
  .chatui-caret, .chatui-live-streaming.chatui-md *::after { animation: none; }
}
`;

function injectStyle() {
  if (typeof document === "undefined" || document.getElementById(STYLE_ID)) return;
  const el = document.createElement("style");
  el.id = STYLE_ID;
  el.textContent = CSS;
  document.head.appendChild(el);
}
injectStyle();

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
