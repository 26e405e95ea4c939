"""Properties of the draw's checks over many variants: any seed against any commitment, any weak or strong spelling
of a seed, any change of what decides the draw on any day around it (real git history)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from validator.drawrepo import COLUMN, LINE, PLAN_2025, PLANS, REVEALED, DrawRepo, announced_then_drawn
from validator.helpers import PROJECT, copy_sample, found, set_cells

from generator.datasets.inspections.draw import commitment
from generator.privacy.numbers import scan_text

PLAN_2027 = "汾教双随机〔2027〕1号"  # announced, not drawn, no results: a seed here changes nothing else
LINE_2027 = 5
SMALL = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _private_looking(text: str) -> bool:
    """Whether the privacy gate reads a personal number in `text` (its own reader: "131112027-04-12" is a mobile
    number to a reader, which a pattern of 11 adjacent digits missed)."""
    return any(scan_text(text, frozenset()))


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("sample") / "repo")


hex_seed = st.binary(min_size=16, max_size=16).map(bytes.hex)


@SMALL
@given(seed=hex_seed, other=hex_seed, same=st.booleans())
def test_any_revealed_seed_is_checked_against_any_commitment(sample: Path, seed: str, other: str, same: bool) -> None:
    committed_to = seed if same else other
    assume(seed != other and not _private_looking(f"{seed} {commitment(committed_to)}"))
    set_cells(sample, "inspection_plans", PLAN_2027, seed_commitment=commitment(committed_to), seed=seed)
    expected = [] if same else [(PLANS, LINE_2027, COLUMN["seed"], "seed-commitment-mismatch")]
    assert found(sample) == expected


#: The 2027 plan's draw day as people write it in a seed (written here, not taken from the module).
DAY_SPELLINGS = ["20270412", "2027-04-12", "2027/4/12", "2027.04.12", "2027年4月12日", "270412", "2027_04_12"]


@SMALL
@given(day=st.sampled_from(DAY_SPELLINGS), sep=st.sampled_from(["", "-", "_", ":", "#", "号"]),
       digits=st.text(alphabet="13579", max_size=9), before=st.booleans())
def test_a_seed_of_the_draw_day_and_few_digits_is_weak(sample: Path, day: str, sep: str, digits: str,
                                                      before: bool) -> None:
    seed = f"{digits}{sep}{day}" if before else f"{day}{sep}{digits}"
    assume(not _private_looking(f"{seed} {commitment(seed)}"))  # 131 + 20270412 reads as a mobile number
    set_cells(sample, "inspection_plans", PLAN_2027, seed_commitment=commitment(seed), seed=seed)
    weak = [(PLANS, LINE_2027, COLUMN["seed"], "weak-seed")]
    assert found(sample) == (weak if len(digits) <= 6 else [])


# --- any change, any day (git) --------------------------------------------------------------------------------

DRAW = date(2025, 10, 20)


def before_2025_seed() -> str:
    """The sample's 2025 seed (the one its commitment was made for)."""
    rows = csv.DictReader(io.StringIO((PROJECT / PLANS).read_text(encoding="utf-8")))
    return next(r["seed"] for r in rows if r["plan_no"] == PLAN_2025)


@pytest.fixture(scope="module")
def before_2025(tmp_path_factory: pytest.TempPathFactory) -> DrawRepo:
    """The good history up to the 2024 draw: the 2025 plan announced with its commitment, its seed not yet filled."""
    repo = announced_then_drawn(tmp_path_factory.mktemp("good") / "repo")
    repo.git("reset", "-q", "--hard", "HEAD~1")  # undo the 2025 reveal
    return repo


def _changed_value(field: str, offset: int) -> str:
    return {"population": "白名单非学科类机构", "sample_size": "3", "seed_commitment": commitment("ff" * 16),
            "draw_date": str(DRAW + timedelta(days=offset))}[field]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(["population", "sample_size", "seed_commitment", "draw_date"]),
       day=st.integers(min_value=-15, max_value=15), moved=st.sampled_from([-3, 2, 9]))
def test_any_change_of_what_decides_the_draw_is_warned_exactly_when_made_on_or_after_it(
        before_2025: DrawRepo, tmp_path_factory: pytest.TempPathFactory, field: str, day: int, moved: int) -> None:
    repo = before_2025.clone(tmp_path_factory.mktemp("case") / "repo")
    seed = before_2025_seed()
    when = DRAW + timedelta(days=day)
    value = _changed_value(field, moved)
    reveal = date.fromisoformat(REVEALED[PLAN_2025])
    steps = [("change", when), ("reveal", reveal)] if when < reveal else [("reveal", reveal), ("change", when)]
    for step, on in steps:
        if step == "change":
            repo.set_plan(PLAN_2025, **{field: value})
        else:
            repo.set_plan(PLAN_2025, seed=seed)
        repo.commit(str(on), "12:00:00" if step == "change" else "10:00:00")
    threshold = min(DRAW, date.fromisoformat(value)) if field == "draw_date" else DRAW
    expected = [(PLANS, LINE[PLAN_2025], COLUMN[field], "plan-changed-after-draw")] if when >= threshold else []
    assert [p for p in found(repo.root) if p[3] == "plan-changed-after-draw"] == expected


def test_a_seed_changed_after_it_was_revealed_is_warned(before_2025: DrawRepo, tmp_path: Path) -> None:
    repo = before_2025.clone(tmp_path / "repo")
    repo.set_plan(PLAN_2025, seed=before_2025_seed())
    repo.commit(REVEALED[PLAN_2025])
    repo.set_plan(PLAN_2025, seed="ab" * 16, seed_commitment=commitment("ab" * 16))
    repo.commit("2025-10-24")
    changed = [p[:3] for p in found(repo.root) if p[3] == "plan-changed-after-draw"]
    assert changed == [(PLANS, LINE[PLAN_2025], COLUMN["seed_commitment"]), (PLANS, LINE[PLAN_2025], COLUMN["seed"])]
