"""Screenshots of the built site for a person to look at: ``make screenshots``.

Serves ``site/`` on 127.0.0.1 and saves one PNG per page, width and colour scheme under
``screenshots/``. Not a test: it asserts nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from chromium import CHROMIUM_ARGS, chromium_path, serve
from playwright.sync_api import sync_playwright

PAGES = {
    "home": "",
    "agreement": "agreements/korea-singapore-digital-partnership-agreement/",
    "fta": "agreements/korea-singapore-free-trade-agreement/",
    "event": "events/first-digital-economy-dialogue/",
    "year": "years/2023/",
    "sector": "sectors/digital-economy/",
    "person": "people/tan-see-leng/",
    "organisation": "organisations/singapore/",
    "source": "sources/ksdpa-entry-into-force-release-2023/",
    "timeline": "timeline/",
    "sectors": "sectors/",
    "agreements": "agreements/",
    "treaties": "treaties/",
    "years": "years/",
    "figure": "figures/singapore-investor-rank-2025/",
    "figure-accounts": "figures/mous-seoul-summit-2025-eight/",
    "both-marks": "agreements/korea-accession-to-depa/",
    "disagreements": "disagreements/",
    "data": "data/",
    "series": "series/bilateral-trade-usd/",
    "series-rank": "series/singapore-rank-among-korea-trading-partners/",
    "series-index": "series/",
    "series-figure": "figures/bilateral-trade-2004/",
    "series-sector": "sectors/trade/",
}


def main(site: Path, out: Path, names: list[str]) -> None:
    out.mkdir(exist_ok=True)
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for scheme in ("light", "dark"):
            for width in (1280, 390):
                page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
                for name in names or PAGES:
                    page.goto(base + PAGES[name], wait_until="load")
                    page.wait_for_timeout(600)  # Material fades the tabs in
                    target = out / f"{name}-{width}-{scheme}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(target)
                page.close()
        browser.close()


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    main(root / "site", root / "screenshots", sys.argv[1:])
