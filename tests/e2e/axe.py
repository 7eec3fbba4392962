"""axe-core (the copy axe-playwright-python ships) run against a page for WCAG 2.2 AA.

``violations(page, state)`` runs the rules tagged wcag2a, wcag2aa, wcag21a, wcag21aa and
wcag22aa (``runOnly`` by tag also runs ``target-size``, which axe leaves off by default) once the
page's animations have finished (a dialog fading in blends its colours with the scrim, and axe
would measure the blend), and records the state and its count for the summary the walk prints.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from playwright.sync_api import Page

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
SEEN: list[tuple[str, int]] = []  # (state, violations) in the order the walk checked them


@cache
def _axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def settle(page: Page) -> None:
    page.evaluate("""() => Promise.all(document.getAnimations()
        .filter(a => a.effect && a.effect.getTiming().iterations !== Infinity)
        .map(a => a.finished.catch(() => null)))""")


def violations(page: Page, state: str) -> list[dict]:
    settle(page)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())  # evaluate, not a <script>: the page's CSP does not apply
    found = page.evaluate("options => axe.run(document, options).then(r => r.violations)", OPTIONS)
    SEEN.append((state, len(found)))
    return found


def report(found: list[dict]) -> str:
    """One line per rule and failing node, readable in a test failure."""
    lines = []
    for v in found:
        for node in v["nodes"][:8]:
            lines.append(f"{v['id']} ({v['impact']}): {node['target']} — {node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


def assert_clean(page: Page, state: str) -> None:
    found = violations(page, state)
    assert not found, f"{state}: {len(found)} axe violations\n{report(found)}"


def summary() -> str:
    return json.dumps(SEEN, indent=0)
