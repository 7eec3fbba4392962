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

// The turn's passages as the chips look them up. `passages` (chat_ui/components/turn.py
// passages_of) holds the hits its tool cards show, each with its `number`, and, for a card
// that leaves some out, one range `{block, first, count, source}`: numbers first .. first+count-1
// are that result's passages, shown or not. Only the shown ones reach the browser.
export function indexPassages(passages) {
  const known = new Map();
  const ranges = [];
  for (const p of passages || []) {
    if (!p) continue;
    if (p.count > 0 && p.first > 0) ranges.push(p);
    else if (p.number > 0) known.set(Number(p.number), p);
  }
  return { known, ranges };
}

// The passage numbered `n`: a shown hit, or one its card leaves out (`unseen`, knowing only
// its block, its place among the result's passages and what the result was); null if the
// turn has no passage `n`.
export function passageFor(index, n) {
  const hit = index.known.get(n);
  if (hit) return hit;
  for (const r of index.ranges) {
    if (n >= r.first && n < r.first + r.count) {
      return { unseen: true, number: n, block: r.block, offset: n - r.first, count: r.count, source: r.source || "" };
    }
  }
  return null;
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
