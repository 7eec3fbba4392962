// Vite plugin (written into the web dir and registered in vite.config.js by chat_ui/theme.py):
// the built stylesheets keep only the rules of the Radix Themes components the build's
// JavaScript uses.
//
// Radix Themes' components.css styles every component (avatars, tabs, radio cards, data lists,
// the theme panel...). Each component's JavaScript names its classes as literal strings
// ("rt-TabsList", "rt-BaseButton"), and the pages import only the components they use, so the
// set of `rt-<Component>` names in the emitted chunks (lazy ones included) is the set a page can
// ever render. A rule is dropped when every selector of it needs a component class outside that
// set (outside any :not(), :where(), :is()...); everything else (tokens, utilities, `rt-r-*` / `rt-variant-*` modifiers, the app's own
// rules, @keyframes, @font-face) is kept as it is.
import fs from "node:fs";
import path from "node:path";

const COMPONENT_CLASS = /rt-[A-Z][A-Za-z0-9]*/g;
const SELECTOR_CLASS = /\.(rt-[A-Z][A-Za-z0-9]*)(?![A-Za-z0-9_-])/g;
const GROUPING = /^@(media|supports|layer|container|scope|document)\b/i;

function skipString(s, i) {
  const quote = s[i];
  i += 1;
  while (i < s.length && s[i] !== quote) i += s[i] === "\\" ? 2 : 1;
  return i + 1;
}

// The top-level items of a stylesheet: [prelude, body] for a block, [statement, null] otherwise.
function items(s) {
  const out = [];
  let i = 0;
  let start = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '"' || c === "'") { i = skipString(s, i); continue; }
    if (c === "/" && s[i + 1] === "*") { const end = s.indexOf("*/", i + 2); i = end < 0 ? s.length : end + 2; continue; }
    if (c === ";") { out.push([s.slice(start, i + 1), null]); start = i += 1; continue; }
    if (c === "{") {
      let depth = 1;
      let j = i + 1;
      while (j < s.length && depth) {
        const d = s[j];
        if (d === '"' || d === "'") { j = skipString(s, j); continue; }
        if (d === "/" && s[j + 1] === "*") { const end = s.indexOf("*/", j + 2); j = end < 0 ? s.length : end + 2; continue; }
        if (d === "{") depth += 1;
        else if (d === "}") depth -= 1;
        j += 1;
      }
      out.push([s.slice(start, i), s.slice(i + 1, j - 1)]);
      start = i = j;
      continue;
    }
    i += 1;
  }
  if (s.slice(start).trim()) out.push([s.slice(start), null]);
  return out;
}

// A selector with its parenthesised arguments and strings left out: the classes it needs for sure
// (:not(.rt-Tabs) matches without Tabs; :where(.rt-A, .rt-B) needs only one of them).
function needed(sel) {
  let out = "";
  let depth = 0;
  for (let i = 0; i < sel.length; i += 1) {
    const c = sel[i];
    if (c === '"' || c === "'") { i = skipString(sel, i) - 1; continue; }
    if (c === "(" || c === "[") depth += 1;
    else if (c === ")" || c === "]") depth -= 1;
    else if (depth === 0) out += c;
  }
  return out;
}

function selectors(prelude) {
  const parts = [];
  let depth = 0;
  let current = "";
  for (const c of prelude) {
    if (c === "(" || c === "[") depth += 1;
    else if (c === ")" || c === "]") depth -= 1;
    if (c === "," && depth === 0) { parts.push(current); current = ""; } else current += c;
  }
  parts.push(current);
  return parts;
}

export function pruneCss(css, used) {
  let out = "";
  for (const [prelude, body] of items(css)) {
    if (body === null) { out += prelude; continue; }
    const head = prelude.trim();
    if (head.startsWith("@")) {
      if (GROUPING.test(head)) {
        const inner = pruneCss(body, used);
        if (inner.trim()) out += `${prelude}{${inner}}`;
      } else {
        out += `${prelude}{${body}}`;
      }
      continue;
    }
    const kept = selectors(prelude).filter(
      (sel) => ![...needed(sel).matchAll(SELECTOR_CLASS)].some((m) => !used.has(m[1])));
    if (kept.length) out += `${kept.join(",")}{${body}}`;
  }
  return out;
}

export default function pruneRadixCss() {
  return {
    name: "chat-ui-prune-radix-css",
    apply: "build",
    enforce: "post",
    writeBundle(options, bundle) {
      const files = Object.values(bundle);
      const used = new Set();
      for (const file of files) {
        if (file.type === "chunk") for (const m of file.code.matchAll(COMPONENT_CLASS)) used.add(m[0]);
      }
      if (!used.size) return; // no Radix component in this build (the server's), nothing to judge by
      for (const file of files) {
        if (file.type !== "asset" || !file.fileName.endsWith(".css")) continue;
        const where = path.join(options.dir, file.fileName);
        if (!fs.existsSync(where)) continue;
        const css = fs.readFileSync(where, "utf8");
        if (!css.includes(".rt-")) continue;
        fs.writeFileSync(where, pruneCss(css, used));
      }
    },
  };
}
