// CodeBlock: a fenced code block of an answer, with a one-click copy button.
// Highlighted once the answer is finished; while it streams it stays plain
// text (highlighting per flush is wasted work on text that is still growing).
import { useT } from "./i18n.js";
import React, { useEffect, useRef, useState } from "react";
import { PrismAsyncLight as SyntaxHighlighter } from "react-syntax-highlighter";
// a11y-dark: every token at 4.5:1 or more on its background (one-dark's comments were 2.9:1).
import a11yDark from "react-syntax-highlighter/dist/esm/styles/prism/a11y-dark";
import { toast } from "sonner";
import CopyIcon from "lucide-react/dist/esm/icons/copy.mjs";
import CheckIcon from "lucide-react/dist/esm/icons/check.mjs";

const CODE_STYLE = { whiteSpace: "pre-wrap" };
const BLOCK_STYLE = { margin: 0, padding: "0.9em 3em 0.9em 1em", borderRadius: "var(--radius-3, 8px)", fontSize: "0.875em" };

// The code of a <pre><code> element react-markdown made, and its language.
export function codeOf(preChildren) {
  const child = Array.isArray(preChildren) ? preChildren[0] : preChildren;
  const props = (child && child.props) || {};
  const raw = props.children;
  const text = String(Array.isArray(raw) ? raw.join("") : raw ?? "").replace(/\n$/, "");
  const match = /language-([\w+#.-]+)/.exec(props.className || "");
  return { text, language: match ? match[1].toLowerCase() : "" };
}

export function CodeBlock({ children, streaming }) {
  const t = useT();
  const { text, language } = codeOf(children);
  const [copied, setCopied] = useState(false);
  const timer = useRef(null);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setCopied(false), 1500);
      toast.success(t("code.copied"), { duration: 1500 });
    } catch (err) {
      toast.error(t("code.copy_failed"));
    }
  };
  return (
    <div className="code-block" data-language={language || undefined}>
      {streaming || !language ? (
        <pre className="code-block-plain" style={BLOCK_STYLE}>
          <code style={CODE_STYLE}>{text}</code>
        </pre>
      ) : (
        <SyntaxHighlighter language={language} style={a11yDark} customStyle={BLOCK_STYLE}
          codeTagProps={{ style: CODE_STYLE }} wrapLongLines>
          {text}
        </SyntaxHighlighter>
      )}
      <button type="button" className="code-copy" onClick={copy}
        aria-label={copied ? t("code.copied") : t("code.copy")} title={t("code.copy")}>
        {copied ? <CheckIcon size={14} aria-hidden="true" /> : <CopyIcon size={14} aria-hidden="true" />}
      </button>
    </div>
  );
}

export default CodeBlock;
