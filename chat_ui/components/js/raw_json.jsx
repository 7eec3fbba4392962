// RawJson: a tool card's raw JSON (its arguments, its result), highlighted. It is always inside a
// closed <details> until the reader opens it, so the highlighter (react-syntax-highlighter's
// async Prism and its table of language loaders) is loaded with the first tool card, not with
// the page: the empty chat, where everyone lands, has none. Until it is there the JSON shows as
// plain text in the same <pre>.
import React, { Suspense, lazy } from "react";

const Highlighter = lazy(() => import("react-syntax-highlighter/dist/esm/prism-async-light"));

export function RawJson({ children, customStyle, codeTagProps, className, wrapLongLines, language, style, ...rest }) {
  const plain = (
    <pre {...rest} className={className} style={{ margin: 0, padding: "1em", ...customStyle }}>
      <code {...(codeTagProps || {})}>{children}</code>
    </pre>
  );
  return (
    <Suspense fallback={plain}>
      <Highlighter {...rest} className={className} customStyle={customStyle} codeTagProps={codeTagProps}
        wrapLongLines={wrapLongLines} language={language} style={style}>
        {children}
      </Highlighter>
    </Suspense>
  );
}

export default RawJson;
