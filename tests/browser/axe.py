"""axe-core (from npm: node_modules/axe-core) run inside the page under test.

The app's Content-Security-Policy forbids inline script, so `page.add_script_tag(content=...)` (an inline <script>)
would be blocked, and `bypass_csp=True` would switch the policy off for the whole page. Instead the axe source is
evaluated through Playwright's `page.evaluate`, which runs over the DevTools protocol and is not governed by the
page's CSP: the page keeps its real policy (so a CSP violation by the app would still break the page) and axe
still runs. Nothing is added to the DOM.
"""

from __future__ import annotations

from functools import cache

from tests.conftest import REPO_ROOT

AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


@cache
def _source() -> str:
    return AXE.read_text(encoding="utf-8")


def axe_violations(page, impacts: tuple[str, ...] = BLOCKING) -> list[str]:
    """The page's axe-core violations of the given impacts, one readable line each."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_source())
    results = page.evaluate(
        """async () => await axe.run(document, {
            resultTypes: ['violations'],
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}
        })"""
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in results["violations"]
        if v["impact"] in impacts
    ]


#: Every address checked in this test session (without its #fragment), so a journey can prove it checked each page
#: it visited: see :func:`track_visits`.
CHECKED: set[str] = set()


def _address(url: str) -> str:
    return url.split("#", 1)[0]


def track_visits(page) -> list[str]:
    """Record every document the page loads; compare with :data:`CHECKED` at the end of a journey."""
    visited: list[str] = []
    page.on("load", lambda p: visited.append(_address(p.url)))
    return visited


def assert_accessible(page, where: str) -> None:
    """Fail with the list of serious or critical violations on the current page."""
    CHECKED.add(_address(page.url))
    problems = axe_violations(page)
    assert not problems, f"axe-core found serious or critical problems on {where} ({page.url}):\n" + "\n".join(problems)
