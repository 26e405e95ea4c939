"""The 「谁执法谁普法」 list: every office that enforces matters explains the laws its matters rest on (warnings)."""

from __future__ import annotations

from pathlib import Path

from validator.helpers import found, replace_text

LIST = "data/law_education.yaml"
MATTERS = "data/enforcement_matters.yaml"
# 民办教育股: entry at line 4 (office value at column 13), its laws from line 7 (column 7).


def test_the_sample_list_covers_every_office_and_law(root: Path) -> None:
    assert found(root) == []


def test_a_law_the_office_enforces_but_does_not_explain_is_named_at_its_laws(root: Path) -> None:
    replace_text(root, LIST, "      - 《幼儿园管理条例》\n      - 《校外培训行政处罚暂行办法》\n",
                 "      - 《校外培训行政处罚暂行办法》\n")
    assert found(root) == [(LIST, 7, 7, "law-not-explained")]
    from generator.validate import validate

    (message,) = [p.message for p in validate(root).problems]
    assert "《幼儿园管理条例》" in message and "民办教育股" in message and "141099-JY-XK-001" in message


def test_a_law_named_with_its_order_number_is_the_same_law(root: Path) -> None:
    # 民办教育股 lists 《校外培训行政处罚暂行办法》, its matters cite it with （教育部令第53号）
    assert "      - 《校外培训行政处罚暂行办法》\n" in (root / LIST).read_text(encoding="utf-8")
    assert found(root) == []


def test_an_office_with_matters_but_no_entry_is_reported_at_the_top_of_the_file(root: Path) -> None:
    replace_text(root, LIST, "  - office: 办公室\n    year: 2026\n    laws:\n      - 《中华人民共和国教育法》\n"
                 "    audiences:\n      - 社会公众\n    means:\n      - 政务新媒体普法\n      - 宪法日主题活动\n"
                 "    focus: 统筹全局“八五”普法和国家宪法日、民法典宣传月活动。\n", "")
    assert found(root) == [(LIST, 1, 1, "law-not-explained")]


def test_an_office_that_enforces_nothing_is_a_warning_at_its_name(root: Path) -> None:
    replace_text(root, LIST, "  - office: 教育督导室\n", "  - office: 教育督导科\n")
    assert found(root) == [(LIST, 1, 1, "law-not-explained"), (LIST, 63, 13, "office-without-matters")]


def test_a_new_matter_on_a_new_law_must_be_explained_too(root: Path) -> None:
    replace_text(root, MATTERS, "      - law: 《中华人民共和国义务教育法》\n",
                 "      - law: 《未成年人学校保护规定》\n", count=3)
    assert sorted(found(root)) == [(LIST, 54, 7, "law-not-explained"), (LIST, 66, 7, "law-not-explained")]


def test_an_office_listed_twice_is_a_duplicate(root: Path) -> None:
    replace_text(root, LIST, "  - office: 教育督导室\n", "  - office: 基础教育股\n")
    assert found(root) == [(LIST, 1, 1, "law-not-explained"), (LIST, 63, 13, "duplicate-id")]  # 教育督导室 now has none


def test_a_law_list_must_not_be_empty(root: Path) -> None:
    replace_text(root, LIST, "    laws:\n      - 《中华人民共和国教育法》\n    audiences:\n      - 社会公众\n",
                 "    laws: []\n    audiences:\n      - 社会公众\n")
    assert found(root) == [(LIST, 75, 11, "missing-field")]


def test_without_the_file_nothing_is_reported(root: Path) -> None:
    (root / LIST).unlink()
    assert found(root) == []
