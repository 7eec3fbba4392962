// Citation markers in answer text: "[3]" or "[1, 4]" names passages by their
// number in the turn (chat_ui/views.py first_numbers; chat_ui/citations.py
// reads markers with the same rule). Pure functions and a remark plugin, no
// React, so they can be tested on their own (tests/test_js_citations.py).

const MARKER = /\[(\d{1,4}(?:\s*,\s*\d{1,4})*)\]/g;
// An unfinished marker at the very end of a streaming text: "[", "[1", "[1, 2,"
const PARTIAL_TAIL = /\[(?:\d{1,4}(?:\s*,\s*\d{0,4})*)?$/;

// Split plain text into text pieces and markers:
// "a [1] b" -> [{text: "a "}, {numbers: [1], raw: "[1]"}, {text: " b"}]
export function splitCitations(text) {
  const out = [];
  let last = 0;
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    out.push({ numbers: m[1].split(",").map((n) => Number(n.trim())), raw: m[0] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

// While an answer streams, a marker can arrive in halves ("[1" now, "]" in the
// next flush). Hold back an unfinished one at the very end, so it never shows
// as stray text that then turns into a chip.
export function trimPartialMarker(text) {
  return text.replace(PARTIAL_TAIL, "");
}

// Nodes whose text is not prose: code, and the text of links.
const SKIP = new Set(["code", "inlineCode", "link", "linkReference", "definition", "html"]);

// remark plugin: markers in text nodes become "citation" nodes, rendered as the
// <cite-ref> element with the numbers in data-numbers (LiveText maps it to a
// chip; a number with no passage renders as the plain text it was).
export function remarkCitations() {
  return (tree) => {
    walk(tree);
  };
}

function walk(node) {
  if (!node || !Array.isArray(node.children) || SKIP.has(node.type)) return;
  const children = [];
  for (const child of node.children) {
    if (child.type === "text" && child.value.indexOf("[") !== -1) {
      for (const piece of splitCitations(child.value)) {
        children.push(
          piece.numbers
            ? {
                type: "citation",
                data: {
                  hName: "cite-ref",
                  hProperties: { dataNumbers: piece.numbers.join(","), dataRaw: piece.raw },
                },
                children: [{ type: "text", value: piece.raw }],
              }
            : { type: "text", value: piece.text },
        );
      }
    } else {
      walk(child);
      children.push(child);
    }
  }
  node.children = children;
}
