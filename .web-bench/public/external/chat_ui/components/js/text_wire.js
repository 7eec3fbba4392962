// The live text's wire and store: text a running answer streams, kept in the
// browser, never in Reflex state.
//
// The server sends each flush as a socket.io event of its own, "chat_ui_text",
// on the page's Reflex socket: {s: {key: all text so far}, a: {key: new text},
// r: [keys to forget]}. It is handled here, before Reflex's own event queue,
// with no eval. This module is imported by the app's root (TextWire below), so
// the handler is in place before the socket connects.
//
// window.chatUi (the store, also used by LiveText):
//   append(batch)  batch = {"<key>": "new text", ...}; appends to each key's
//                  buffer (created if absent, so text that arrives before its
//                  component mounts is kept) and notifies that key's readers.
//   set(batch)     batch = {"<key>": "all text so far", ...}; replaces each
//                  key's buffer (a tab that starts following a running turn).
//   reset(keys?)   forget the given keys (a string or an array), or all keys.
//   get(key)       the key's buffered text ("" if none).
//   subscribe(key, fn) -> unsubscribe
import { Socket } from "socket.io-client";

export const TEXT_EVENT = "chat_ui_text";

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
  }
  return window.chatUi;
}

export const store = installStore();

// Apply through window.chatUi, so a page probe (the benchmark) can observe it.
function applyText(payload) {
  const target = (typeof window !== "undefined" && window.chatUi) || store;
  if (!payload || typeof payload !== "object") return;
  if (payload.s) target.set(payload.s);
  if (payload.a) target.append(payload.a);
  if (payload.r) target.reset(payload.r);
}

// Reflex owns the socket and gives no hook for events of our own, so the one
// socket.io-client every module shares learns to hand "chat_ui_text" here.
if (!Socket.prototype.__chatUiText) {
  const emitEvent = Socket.prototype.emitEvent;
  Socket.prototype.emitEvent = function (args) {
    if (args && args[0] === TEXT_EVENT) {
      applyText(args[1]);
      return;
    }
    return emitEvent.call(this, args);
  };
  Object.defineProperty(Socket.prototype, "__chatUiText", { value: true });
}

export function TextWire({ children }) {
  return children ?? null;
}

export default TextWire;
