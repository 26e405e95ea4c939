"""What the site says of each institution on a day (PublicView.institutions: its state, its timeline of events) is
read from the one replay of its events that validation made, and is what replaying its events up to that day
gives: on any day, with events that contradict, and events on the same day."""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.datasets import REGISTRY
from generator.datasets.institutions import index as institution_index
from generator.datasets.institutions import liststate
from generator.datasets.views import PublicView
from generator.synth.county import synthesize
from generator.validate import validate

EVENTS = sorted({*liststate.STATUS_AFTER, *liststate._ENTERS, *liststate._LEAVES})


def _replayed_up_to(catalog: Any, today: date) -> list[tuple[Any, Any, list[Any]]]:
    """The oracle: each institution's events up to `today` replayed on their own, its state on `today` by
    liststate.state_on (what the site showed before it read validation's replay)."""
    found = []
    for inst in sorted(institution_index.institutions(catalog), key=lambda i: i.id):
        events = institution_index.events_by_institution(catalog).get(inst.id, [])
        timeline = [(e, s) for e, s, conflict in liststate.replay(
            (e for e in events if e.date <= today), inst.training_type) if not conflict]
        found.append((inst, institution_index.state_on(catalog, inst.id, today), timeline))
    return found


@pytest.fixture(scope="module")
def catalogs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A valid synthetic county, and the same with contradicting events and an institution id given twice."""
    valid = tmp_path_factory.mktemp("valid")
    synthesize(valid, 200, registry=REGISTRY)
    messy = tmp_path_factory.mktemp("messy")
    synthesize(messy, 200, registry=REGISTRY)
    rng = random.Random(23)
    with (messy / "data" / "institutions.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    ids = [row["id"] for row in rows]
    twice = dict(rows[5], training_type="非学科类" if rows[5]["training_type"] == "学科类" else "学科类")
    with (messy / "data" / "institutions.csv").open("a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=list(rows[0])).writerow(twice)  # the same id again, another category
    with (messy / "data" / "institution_events.csv").open("a", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        for _ in range(600):  # any event on any institution, many the same day: some contradict
            day = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 365 * 8))
            who = rng.choice([*ids[:30], twice["id"]])
            out.writerow([who, day.isoformat(), rng.choice(EVENTS), "核查", "汾教发〔2024〕1号", ""])
    found = {"valid": validate(valid), "messy": validate(messy)}
    assert found["valid"].ok and not found["messy"].ok
    conflicts = [c for timeline in institution_index.replays(found["messy"].catalog).values()
                 for _, _, c in timeline if c]
    assert len(conflicts) > 50  # the messy county holds contradictions the replay skips
    return {name: outcome.catalog for name, outcome in found.items()}


@settings(max_examples=40, deadline=None)
@given(which=st.sampled_from(["valid", "messy"]), today=st.dates(date(2018, 1, 1), date(2028, 12, 31)))
def test_each_institution_on_any_day_is_its_events_replayed_up_to_that_day(
        catalogs: dict[str, Any], which: str, today: date) -> None:
    catalog = catalogs[which]
    shown = PublicView(catalog, today).institutions
    assert [(v.record, v.state, v.timeline) for v in shown] == _replayed_up_to(catalog, today)


@pytest.mark.parametrize("which", ["valid", "messy"])
def test_on_each_events_day_and_the_days_around_it(catalogs: dict[str, Any], which: str) -> None:
    catalog = catalogs[which]
    days = sorted({e.date for e in institution_index.events(catalog)})
    for day in [days[0] - timedelta(days=1), *days[::max(1, len(days) // 40)], days[-1]]:
        for today in (day, day + timedelta(days=1)):
            shown = PublicView(catalog, today).institutions
            assert [(v.record, v.state, v.timeline) for v in shown] == _replayed_up_to(catalog, today), today


def test_the_site_shows_changes_of_state_over_time(catalogs: dict[str, Any]) -> None:
    """Not a comparison of two empty lists: the days differ, and so do the states and timelines shown."""
    catalog = catalogs["valid"]
    early = PublicView(catalog, date(2018, 1, 1)).institutions
    late = PublicView(catalog, date(2026, 11, 27)).institutions
    assert sum(bool(v.timeline) for v in late) > 100 and sum(bool(v.timeline) for v in early) < 20
    assert {v.state.listed for v in late} == {liststate.WHITE, liststate.BLACK, liststate.UNLISTED}


def test_an_id_given_twice_is_kept_once(catalogs: dict[str, Any]) -> None:
    """The view reads the one replay of an id: the loader keeps one row of an id (the other is an error)."""
    ids = [i.id for i in institution_index.institutions(catalogs["messy"])]
    assert len(ids) == len(set(ids)) == 200
