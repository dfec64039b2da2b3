"""Checks every candidate page passes in Chromium: axe-core (vendored from npm) finds nothing serious or critical,
nothing is wider than the screen, every control is reached with the Tab key, and the screenshot is not blank."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from api.web.controllers import STATIC_DIR

AXE = STATIC_DIR / "vendor" / "axe.min.js"

# every control a keyboard user must reach: visible, enabled, not taken out of the tab order
_FOCUSABLE = """() => {
  const sel = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), ' +
              'textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
  const seen = [...document.querySelectorAll(sel)].filter((e) => {
    const r = e.getBoundingClientRect(), s = getComputedStyle(e), d = e.closest('details');
    if (d && !d.open && e.tagName !== 'SUMMARY') return false;  // folded away until opened
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !e.closest('[hidden]')
      && !e.closest('.skip-link');
  });
  // radio buttons of one group are a single tab stop (arrow keys move within it)
  const groups = new Set();
  const stops = seen.filter((e) => {
    if (e.type !== 'radio') return true;
    if (groups.has(e.name)) return false;
    groups.add(e.name); return true;
  });
  stops.forEach((e, i) => { e.dataset.kb = String(i); });
  return stops.map((e) => e.dataset.kb);
}"""


async def axe_violations(page: Any) -> list[str]:
    if not await page.evaluate("typeof axe !== 'undefined'"):
        await page.add_script_tag(path=str(AXE))
    result = await page.evaluate("axe.run(document, { resultTypes: ['violations'] })")
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


async def unreached_by_tab(page: Any) -> list[str]:
    """The controls the Tab key never reaches, walking from the top of the page."""
    wanted = set(await page.evaluate(_FOCUSABLE))
    await page.evaluate("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    await page.evaluate("document.body.focus()")
    reached: set[str] = set()
    for _ in range(len(wanted) + 8):
        await page.keyboard.press("Tab")
        kb = await page.evaluate("(document.activeElement && document.activeElement.dataset.kb) || null")
        if kb is not None:
            reached.add(kb)
        if reached >= wanted:
            break
    missing = wanted - reached
    return await page.evaluate(
        "(ids) => ids.map((i) => document.querySelector(`[data-kb='${i}']`).outerHTML.slice(0, 120))", sorted(missing))


def assert_not_blank(path: Path) -> None:
    pixels = np.asarray(Image.open(path).convert("L"), dtype=np.float32)
    assert pixels.std() > 10, f"{path.name} looks blank (std {pixels.std():.1f})"


async def check_page(page: Any, shots: Path, name: str, *, keyboard: bool = True) -> None:
    """axe, width, keyboard and a non-blank screenshot for the page as it is now."""
    problems = await axe_violations(page)
    assert not problems, f"{name}: axe found\n" + "\n".join(problems)
    width = await page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1] + 1, f"{name}: the page is {width[0]} px wide on a {width[1]} px screen"
    if keyboard:
        missing = await unreached_by_tab(page)
        assert not missing, f"{name}: the Tab key never reaches {missing}"
    path = shots / f"{name}.png"
    await page.screenshot(path=path, full_page=True)
    assert_not_blank(path)
