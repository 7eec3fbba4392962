// Composer: the prompt box. It keeps its text locally, so typing, counting
// characters and Enter / Shift+Enter / Esc cost no server round trip per
// keystroke; the server hears only onSend(text) and onStop().
import React, { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";

const STYLE_ID = "chatui-composer-style";
const CSS = `
.chatui-composer { display: flex; flex-direction: column; gap: 6px; width: 100%; }
.chatui-composer-box { display: flex; align-items: flex-end; gap: 8px;
  background: var(--color-surface, var(--gray-1)); border: 1px solid var(--gray-a6);
  border-radius: var(--radius-5, 16px); padding: 8px 8px 8px 14px;
  box-shadow: var(--shadow-2); transition: border-color 120ms, box-shadow 120ms; }
.chatui-composer-box:focus-within { border-color: var(--accent-8);
  box-shadow: 0 0 0 1px var(--accent-8), var(--shadow-2); }
.chatui-composer-box[data-over="true"] { border-color: var(--red-8); }
.chatui-composer-box[data-over="true"]:focus-within { box-shadow: 0 0 0 1px var(--red-8), var(--shadow-2); }
.chatui-composer textarea { flex: 1; min-width: 0; resize: none; border: none;
  outline: none; background: transparent; color: var(--gray-12);
  font: inherit; font-size: var(--font-size-3, 16px); line-height: 1.5;
  padding: 6px 0; margin: 0; max-height: 40vh; overflow-y: auto; }
.chatui-composer textarea::placeholder { color: var(--gray-a9); }
.chatui-composer-btn { flex: none; display: inline-flex; align-items: center;
  justify-content: center; width: 36px; height: 36px; border-radius: 999px;
  border: none; cursor: pointer; color: var(--accent-contrast, white);
  background: var(--accent-9); transition: background 120ms, opacity 120ms; }
.chatui-composer-btn:hover:not(:disabled) { background: var(--accent-10); }
.chatui-composer-btn:focus-visible { outline: 2px solid var(--accent-8); outline-offset: 2px; }
.chatui-composer-btn:disabled { cursor: default; background: var(--gray-a4);
  color: var(--gray-a8); }
.chatui-composer-btn[data-stop="true"] { background: var(--gray-12); color: var(--gray-1); }
.chatui-composer-btn[data-stop="true"]:hover { background: var(--gray-11); }
.chatui-composer-meta { display: flex; justify-content: space-between; gap: 12px;
  align-items: baseline; font-size: var(--font-size-1, 12px); color: var(--gray-a11);
  padding: 0 6px; min-height: 1.4em; }
.chatui-composer-hint { flex: 1; min-width: 0; }
.chatui-composer-error { color: var(--red-11); }
.chatui-composer-count { flex: none; font-variant-numeric: tabular-nums; }
.chatui-composer-count[data-over="true"] { color: var(--red-11); font-weight: 600; }
`;

function injectStyle() {
  if (typeof document === "undefined" || document.getElementById(STYLE_ID)) return;
  const el = document.createElement("style");
  el.id = STYLE_ID;
  el.textContent = CSS;
  document.head.appendChild(el);
}
injectStyle();

// Reflex (React 19) passes `ref` as a plain prop when the component has an id
// (refs["ref_<id>"], used by rx.set_focus and friends); keep it working
// alongside our own ref instead of letting the props spread overwrite ours.
function assignRef(ref, node) {
  if (typeof ref === "function") ref(node);
  else if (ref != null) ref.current = node;
}

// Count code points, like Python's len(), so the client and server agree.
function countChars(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++; // skip high surrogates
  }
  return n;
}

const SendIcon = () => (
  <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor"
    strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <path d="M12 19V5" /><path d="M5 12l7-7 7 7" />
  </svg>
);
const StopIcon = () => (
  <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true">
    <rect x="4" y="4" width="16" height="16" rx="3" fill="currentColor" />
  </svg>
);

export function Composer({
  placeholder = "Ask a question…",
  limit = 1000,
  streaming = false,
  disabled = false,
  disabledReason = "",
  draft = "",
  draftSeq = 0,
  autoFocus = true,
  onSend,
  onStop,
  className,
  ref: outerRef,
  ...rest
}) {
  const [value, setValue] = useState(draft || "");
  const ref = useRef(null);
  const outerRefLatest = useRef(outerRef);
  outerRefLatest.current = outerRef;
  const setTextarea = useCallback((node) => {
    ref.current = node;
    assignRef(outerRefLatest.current, node);
  }, []);
  const lastDraftSeq = useRef(draftSeq);

  const grow = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = el.scrollHeight + "px";
  }, []);
  useLayoutEffect(grow, [value, grow]);

  // Put a prompt back ("edit and resend") whenever draftSeq changes.
  useEffect(() => {
    // Compare with the last seen value (not "first run"), so React StrictMode's
    // double-run of effects in dev does not count as a change.
    if (lastDraftSeq.current === draftSeq) return;
    lastDraftSeq.current = draftSeq;
    setValue(draft || "");
    const el = ref.current;
    if (el) {
      el.focus();
      requestAnimationFrame(() => {
        const end = el.value.length;
        el.setSelectionRange(end, end);
      });
    }
  }, [draftSeq]); // eslint-disable-line react-hooks/exhaustive-deps

  const count = countChars(value);
  const max = Number(limit) || 0;
  const over = max > 0 && count > max;

  const send = () => {
    if (disabled || streaming) return;
    if (value.trim() === "") return;
    if (over) {
      // Not sent: the text stays and the inline message says why.
      ref.current && ref.current.focus();
      return;
    }
    const text = value;
    setValue("");
    if (onSend) onSend(text);
    ref.current && ref.current.focus();
  };

  const stop = () => {
    if (streaming && onStop) onStop();
  };

  const onKeyDown = (e) => {
    const composing = e.nativeEvent.isComposing || e.keyCode === 229;
    if (e.key === "Enter" && !e.shiftKey && !composing) {
      e.preventDefault();
      send();
    } else if (e.key === "Escape" && streaming && !composing) {
      e.preventDefault();
      stop();
    }
  };

  const onChange = (e) => {
    setValue(e.target.value);
  };

  let hint = null;
  if (over) {
    hint = (
      <span className="chatui-composer-error">
        Your message is {count} characters; the limit is {max}. Shorten it to send.
      </span>
    );
  } else if (disabled && disabledReason) {
    hint = <span>{disabledReason}</span>;
  } else if (streaming) {
    hint = <span>Answering… press Esc to stop.</span>;
  } else {
    hint = <span>Enter to send, Shift+Enter for a new line.</span>;
  }

  const canSend = !disabled && value.trim() !== "" && !over;

  return (
    <div className={"chatui-composer" + (className ? " " + className : "")} {...rest}>
      <div className="chatui-composer-box" data-over={over ? "true" : "false"}>
        <textarea
          ref={setTextarea}
          rows={1}
          aria-label="Message"
          aria-invalid={over ? "true" : undefined}
          placeholder={placeholder}
          value={value}
          onChange={onChange}
          onKeyDown={onKeyDown}
          autoFocus={autoFocus}
          spellCheck="true"
        />
        {streaming ? (
          <button type="button" className="chatui-composer-btn" data-stop="true"
            aria-label="Stop" title="Stop (Esc)" onClick={stop}>
            <StopIcon />
          </button>
        ) : (
          <button type="button" className="chatui-composer-btn" aria-label="Send"
            title="Send (Enter)" onClick={send} disabled={!canSend}
            aria-disabled={!canSend}>
            <SendIcon />
          </button>
        )}
      </div>
      <div className="chatui-composer-meta">
        <span className="chatui-composer-hint" aria-live="polite">{hint}</span>
        <span className="chatui-composer-count" data-over={over ? "true" : "false"}
          aria-label={`${count} of ${max} characters`}>
          {count} / {max}
        </span>
      </div>
    </div>
  );
}

export default Composer;
