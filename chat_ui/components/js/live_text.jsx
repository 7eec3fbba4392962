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
//   set(batch)     batch = {"<key>": "all text so far", ...}; replaces each
//                  key's buffer (a tab that starts following a running turn).
//   reset(keys?)   forget the given keys (a string or an array), or all keys.
//   get(key)       the key's buffered text ("" if none).
//   subscribe(key, fn) -> unsubscribe   (used by LiveText)
// Calls queued in window.__chatUiPending (by the page-head shim) before this
// module loaded are replayed in order on install.
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
    set(batch) {
      if (!batch || typeof batch !== "object") return;
      for (const key in batch) {
        const text = batch[key] == null ? "" : String(batch[key]);
        if (buffers.get(key) === text) continue;
        buffers.set(key, text);
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
      pending.forEach(([op, arg]) => store[op] && store[op](arg));
    }
  }
  return window.chatUi;
}

const store = installStore();


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
