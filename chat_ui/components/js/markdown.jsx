// Markdown: an answer's text as GFM (react-markdown), raw HTML skipped (model output never runs
// as HTML), links opening in a new tab, code blocks with a copy button (./code_block.jsx) and
// citation markers "[n]" as chips (./citation.jsx).
//
// Its own module, loaded by ./live_text.jsx only when there is an answer to show (import()): the
// markdown stack and the code highlighter are most of a chunk the empty chat page, the one
// everyone lands on, does not need.
import React from "react";
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { remarkCitations, trimPartialMarker } from "./citations.js";
import { CitationRef } from "./citation.jsx";
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

export const Markdown = React.memo(function Markdown({ source, streaming }) {
  return (
    <ReactMarkdown remarkPlugins={REMARK_PLUGINS} components={streaming ? STREAMING_COMPONENTS : COMPONENTS} skipHtml>
      {streaming ? trimPartialMarker(source) : source}
    </ReactMarkdown>
  );
});

export default Markdown;
