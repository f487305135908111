"""Synthetic but valid datasets shaped like the real one, for ``make bench``.

``generate(n, folder)`` writes about ``n`` records: agreements with dated milestones, events
within visits, people with roles, organisations, sectors, sources and figures, with the
cross-references the real data has (parties, signatories, relations, events, citations).
The same ``n`` and ``seed`` always give the same files.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

from tracker.models import COLLECTIONS

# Shares of the records, as in the real data (sectors are capped: a taxonomy stays small).
SHARES = {"agreements": 0.40, "events": 0.22, "people": 0.10, "organisations": 0.12, "figures": 0.08, "sources": 0.05}
MILESTONES = ["negotiations-launched", "negotiations-concluded", "signed", "entered-into-force"]
KINDS = ["mou", "mou", "mou", "commercial-agreement", "joint-statement", "joint-declaration", "free-trade-agreement"]
WORDS = (
    "digital trade data green shipping ports energy nuclear quantum space satellites culture sport "
    "finance investment startups semiconductors health education tourism defence climate water food"
).split()


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _date(rng: random.Random, year: int) -> str:
    precision = rng.random()
    if precision < 0.15:
        return str(year)
    if precision < 0.35:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


# Every this many figures, one is a point of a series, and a series has about this many points.
SERIES_EVERY = 5
SERIES_POINTS = 8


def _series(records: dict[str, dict[str, dict]], ids: dict[str, list[str]], rng: random.Random) -> None:
    """Series of yearly values in US dollars, each point one of the figures (every
    SERIES_EVERY-th, made a value of the series' basis), with a milestone of the first
    agreement (always signed) drawn across each chart. Its own random numbers, so that the
    other records are those the same seed gave before series existed."""
    members = ids["figures"][::SERIES_EVERY]
    count = max(1, len(members) // SERIES_POINTS)
    records["series"] = {}
    for i in range(count):
        sid = f"series-{i:05d}"
        records["series"][sid] = {
            "name": f"Series {i} of {rng.choice(WORDS)}",
            "measures": _sentence(rng, 10),
            "basis": _sentence(rng, 14),
            "kind": "value",
            "unit": "billion",
            "currency": "USD",
            "markers": [{"agreement": ids["agreements"][0], "milestone": "signed"}],
            "sectors": [ids["sectors"][i % len(ids["sectors"])]],
            "featured": i < 2,
            "summary": _sentence(rng, 16),
            "cite": rng.sample(ids["sources"], k=min(2, len(ids["sources"]))),
        }
    for j, fid in enumerate(members):
        figure = records["figures"][fid]
        figure.update(
            kind="value",
            amount=round(rng.uniform(1, 90), 1),
            unit="billion",
            currency="USD",
            reference_year=int(figure["as_of"][:4]),
            series=f"series-{j % count:05d}",
        )


def generate(n: int, folder: Path, seed: int = 2026) -> dict[str, int]:
    rng = random.Random(seed)
    if folder.exists():
        shutil.rmtree(folder)
    counts = {c: max(2, round(n * share)) for c, share in SHARES.items()}
    counts["sectors"] = max(3, min(40, n // 25))
    ids = {c: [f"{COLLECTIONS[c].singular}-{i:05d}" for i in range(k)] for c, k in counts.items()}
    records: dict[str, dict[str, dict]] = {c: {} for c in counts}

    def cite() -> list[str]:
        return rng.sample(ids["sources"], k=min(2, len(ids["sources"])))

    for i, rid in enumerate(ids["sources"]):
        records["sources"][rid] = {
            "title": f"Synthetic report {i}",
            "kind": rng.choice(["news-report", "wire-report", "press-release", "analysis"]),
            "date": _date(rng, rng.randint(1995, 2026)),
            "publisher": ids["organisations"][2 + i % 7],
            "file": f"synthetic-{i}.txt",
            "summary": _sentence(rng, 14),
        }
    for i, rid in enumerate(ids["organisations"]):
        records["organisations"][rid] = {
            "name": f"Organisation {i} of {rng.choice(WORDS)}",
            "kind": "state" if i < 2 else rng.choice(["ministry", "agency", "company", "bank", "investment-firm"]),
            **({"country": ids["organisations"][i % 2]} if i >= 2 else {}),
            "summary": _sentence(rng, 10),
            "cite": cite(),
        }
    for i, rid in enumerate(ids["sectors"]):
        records["sectors"][rid] = {
            "name": f"Sector {i} {WORDS[i % len(WORDS)]}",
            "summary": _sentence(rng, 12),
            "cite": cite(),
        }
    for i, rid in enumerate(ids["people"]):
        since = rng.randint(1995, 2024)
        records["people"][rid] = {
            "name": f"Person {i} {rng.choice(WORDS).title()}",
            "names": [{"name": f"Person {i} {rng.choice(WORDS).title()}", "cite": cite()}],
            "country": ids["organisations"][i % 2],
            "roles": [
                {
                    "title": "Minister",
                    "organisation": rng.choice(ids["organisations"]),
                    "since": str(since),
                    "cite": cite(),
                }
            ],
            "cite": cite(),
        }
    visits = ids["events"][: max(1, len(ids["events"]) // 5)]
    for i, rid in enumerate(ids["events"]):
        year = rng.randint(1995, 2026)
        event = {
            "name": f"Meeting {i} on {rng.choice(WORDS)}",
            "kind": rng.choice(["summit", "dialogue", "meeting", "state-visit"]),
            "date": _date(rng, year),
            "place": rng.choice(["Seoul", "Singapore", "Busan", "Jurong"]),
            "participants": [
                {"person": p, "cite": cite()} for p in rng.sample(ids["people"], k=min(2, len(ids["people"])))
            ],
            "sectors": rng.sample(ids["sectors"], k=2),
            "outcomes": [{"text": _sentence(rng, 12), "cite": cite()}],
            "summary": _sentence(rng, 16),
            "cite": cite(),
        }
        if rid not in visits and rng.random() < 0.3:
            event["part_of"] = rng.choice(visits)
        records["events"][rid] = event
    for i, rid in enumerate(ids["agreements"]):
        start = rng.randint(1995, 2024)
        steps = MILESTONES[rng.randint(0, 2) : rng.randint(3, 4)]
        milestones = []
        for j, step in enumerate(steps):
            milestone = {"type": step, "date": str(start + j), "cite": cite()}
            if step == "signed" and rng.random() < 0.5:
                milestone["event"] = rng.choice(ids["events"])
            milestones.append(milestone)
        agreement = {
            "name": f"Agreement {i} on {rng.choice(WORDS)} and {rng.choice(WORDS)}",
            "kind": rng.choice(KINDS),
            "parties": ids["organisations"][:2],
            "signatories": [{"person": rng.choice(ids["people"]), "party": ids["organisations"][0], "cite": cite()}],
            "status": {"value": "signed", "as_of": str(start + len(steps)), "cite": cite()},
            "milestones": milestones,
            "sectors": rng.sample(ids["sectors"], k=2),
            "summary": _sentence(rng, 24),
            "cite": cite(),
        }
        if i and rng.random() < 0.3:
            agreement["relations"] = [
                {"type": "implements", "agreement": ids["agreements"][rng.randrange(i)], "cite": cite()}
            ]
        records["agreements"][rid] = agreement
    for i, rid in enumerate(ids["figures"]):
        records["figures"][rid] = {
            "name": f"Figure {i}",
            "kind": rng.choice(["rank", "count", "value", "anniversary", "forecast"]),
            "value": str(rng.randint(1, 99)),
            "statement": _sentence(rng, 12),
            "as_of": _date(rng, rng.randint(1995, 2026)),
            "agreements": [rng.choice(ids["agreements"])],
            "sectors": [rng.choice(ids["sectors"])],
            "cite": cite(),
        }
    _series(records, ids, random.Random(seed + 1))
    for collection, table in records.items():
        (folder / collection).mkdir(parents=True, exist_ok=True)
        for rid, record in table.items():
            text = yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=100)
            (folder / collection / f"{rid}.yml").write_text(text, encoding="utf-8")
    return {c: len(t) for c, t in records.items()}
