// Composer: the prompt box. It keeps its text locally, so typing, counting
// characters and Enter / Shift+Enter / Esc cost no server round trip per
// keystroke; the server hears only onSend(text) and onStop().
import { useT } from "./i18n.js";
import React, { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useMergedRef } from "./merged_ref.js";



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
  placeholder = "",
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
  const t = useT();
  const [value, setValue] = useState(draft || "");
  const [ref, setTextarea] = useMergedRef(outerRef);
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
        {t("composer.too_long", { count, max })}
      </span>
    );
  } else if (disabled && disabledReason) {
    hint = <span>{disabledReason}</span>;
  } else if (streaming) {
    hint = <span>{t("composer.hint_streaming")}</span>;
  } else {
    hint = <span>{t("composer.hint")}</span>;
  }

  const canSend = !disabled && value.trim() !== "" && !over;

  return (
    <div className={"chatui-composer" + (className ? " " + className : "")} {...rest}>
      <div className="chatui-composer-box" data-over={over ? "true" : "false"}>
        <textarea
          ref={setTextarea}
          rows={1}
          aria-label={t("composer.message")}
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
            aria-label={t("common.stop")} title={t("composer.stop_title")} onClick={stop}>
            <StopIcon />
          </button>
        ) : (
          <button type="button" className="chatui-composer-btn" aria-label={t("composer.send")}
            title={t("composer.send_title")} onClick={send} disabled={!canSend}
            aria-disabled={!canSend}>
            <SendIcon />
          </button>
        )}
      </div>
      <div className="chatui-composer-meta">
        <span className="chatui-composer-hint" aria-live="polite">{hint}</span>
        <span className="chatui-composer-count" data-over={over ? "true" : "false"}
          aria-label={t("composer.count", { count, max })}>
          {count} / {max}
        </span>
      </div>
    </div>
  );
}

export default Composer;
