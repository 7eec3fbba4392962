// Shortcuts: the app's keyboard shortcuts, handled in the browser (no server
// round trip per key), and the sheet that lists them ("?", or its header button).
//
//   ?                 show this sheet
//   Ctrl/Cmd+Shift+O  new chat (onNewChat)
//   /                 focus the message box
//   Esc               stop the answer (the message box handles it itself too)
//
// None of them fires while the person types in a field where the key would
// change the text ("?", "/" and Esc are left to the field); Ctrl/Cmd+Shift+O
// types nothing, so it works from the message box as well.
import { useT } from "./i18n.js";
import React, { useEffect, useRef, useState } from "react";
import { Button, Dialog, Flex, IconButton, Kbd, Text } from "@radix-ui/themes";
import KeyboardIcon from "lucide-react/dist/esm/icons/keyboard.mjs";

const TEXT_INPUTS = new Set(["", "text", "search", "email", "url", "tel", "password", "number", "date",
  "datetime-local", "month", "time", "week"]);

export function isTyping(target) {
  const el = target && target.nodeType === 1 ? target : null;
  if (!el) return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return !el.disabled && !el.readOnly;
  if (tag === "INPUT") return TEXT_INPUTS.has((el.getAttribute("type") || "").toLowerCase()) && !el.disabled && !el.readOnly;
  return false;
}

// A dialog still closing (its exit animation) no longer counts.
function aDialogIsOpen() {
  return Boolean(document.querySelector(
    '[role="dialog"]:not([data-state="closed"]), [role="alertdialog"]:not([data-state="closed"])'));
}

function isMac() {
  const p = (navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || "";
  return /mac|iphone|ipad/i.test(p);
}

function focusComposer() {
  const box = document.querySelector(".chatui-composer textarea");
  if (!box) return false;
  box.focus();
  const end = box.value.length;
  box.setSelectionRange(end, end);
  return true;
}

function Keys({ keys }) {
  return (
    <Flex gap="1" align="center" wrap="wrap">
      {keys.map((k, i) => (
        <Kbd key={i} size="2">{k}</Kbd>
      ))}
    </Flex>
  );
}

export function Shortcuts({ onNewChat }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const newChat = useRef(onNewChat);
  newChat.current = onNewChat;
  const byKey = useRef(false); // opened with "?" (not with its button)
  const opener = useRef(null); // what had focus then

  useEffect(() => {
    const onKey = (e) => {
      if (e.defaultPrevented || e.isComposing || e.keyCode === 229) return;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.shiftKey && !e.altKey && (e.code === "KeyO" || e.key === "o" || e.key === "O")) {
        e.preventDefault();
        setOpen(false);
        if (newChat.current) newChat.current();
        setTimeout(focusComposer, 50);
        return;
      }
      if (mod || e.altKey || isTyping(e.target)) return;
      if (e.key === "?") {
        if (aDialogIsOpen()) return;
        e.preventDefault();
        byKey.current = true;
        opener.current = document.activeElement;
        setOpen(true);
      } else if (e.key === "/") {
        if (aDialogIsOpen()) return;
        if (focusComposer()) e.preventDefault();
      } else if (e.key === "Escape") {
        if (aDialogIsOpen()) return;
        const stop = document.querySelector('.chatui-composer-btn[data-stop="true"]');
        if (stop) {
          e.preventDefault();
          stop.click();
        }
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const mac = typeof navigator !== "undefined" && isMac();
  const rows = [
    [["?"], t("shortcuts.show")],
    [mac ? ["⌘", "⇧", "O"] : ["Ctrl", "Shift", "O"], t("chat.start_new")],
    [["/"], t("shortcuts.focus")],
    [["Enter"], t("shortcuts.send")],
    [["Shift", "Enter"], t("shortcuts.newline")],
    [["Esc"], t("shortcuts.stop")],
  ];

  // Opened with its button, focus goes back to the button (Radix's way); opened with "?", back
  // to where it was, and never away from where the person has gone meanwhile ("?" then "/").
  const onCloseAutoFocus = (e) => {
    if (!byKey.current) return;
    byKey.current = false;
    e.preventDefault();
    const el = opener.current;
    opener.current = null;
    const moved = document.activeElement && document.activeElement !== document.body;
    if (!moved && el && el.isConnected && el !== document.body) el.focus({ preventScroll: true });
  };

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger>
        <IconButton variant="ghost" color="gray" aria-label={t("shortcuts.title")} title={t("shortcuts.title_key")}
          className="shortcuts-button desktop-only" onClick={() => { byKey.current = false; }}>
          <KeyboardIcon size={18} aria-hidden="true" />
        </IconButton>
      </Dialog.Trigger>
      <Dialog.Content maxWidth="440px" onCloseAutoFocus={onCloseAutoFocus} data-testid="shortcuts-sheet">
        <Dialog.Title>{t("shortcuts.title")}</Dialog.Title>
        <Dialog.Description size="2" color="gray">
          {t("shortcuts.description")}
        </Dialog.Description>
        <dl className="shortcuts-list">
          {rows.map(([keys, what]) => (
            <div className="shortcuts-row" key={what}>
              <dt><Keys keys={keys} /></dt>
              <dd><Text size="2">{what}</Text></dd>
            </div>
          ))}
        </dl>
        <Flex justify="end" mt="4">
          <Dialog.Close>
            <Button variant="soft" color="gray" aria-label={t("shortcuts.close")}>{t("common.close")}</Button>
          </Dialog.Close>
        </Flex>
      </Dialog.Content>
    </Dialog.Root>
  );
}

export default Shortcuts;
