"""Units of quantity: which units are compatible, how they convert, rates, unknown units, normalisation, and
every unit the seeds use is known."""

from __future__ import annotations

import re

import pytest

from orggraph.domain.quantities import (
    DIMENSION_LABELS,
    Dimension,
    Period,
    Unit,
    compatible,
    convert,
    dimension_label,
    normalise,
    parse_unit,
)
from orggraph.settings import project_root


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        (5, "万元", "元", 50_000),
        (3, "千元", "万元", 0.3),
        (2, "亿元", "万元", 20_000),
        (60, "平米", "平方米", 60),
        (60, "㎡", "平方米", 60),
        (1, "亩", "平方米", 666.6667),
        (1.5, "公顷", "亩", 22.5),
        (10, "人次/周", "人次/月", 10 * 52 / 12),
        (12, "场/年", "场/月", 1),
        (1, "次/天", "次/周", 365 / 52),
        (2, "天", "小时", 48),
        (90, "分钟", "小时", 1.5),
        (1, "周", "天", 7),
        (6, "具", "件", 6),
        (4, "台", "套", 4),
        (8, "名志愿者", "人", 8),
        (3, "位医生", "名志愿者", 3),
        (2, "间", "处", 2),
        (1, "个场地", "处", 1),
        (5, "个车位", "车位", 5),
        (7, "项", "个项目", 7),
    ],
)
def test_compatible_units_convert_by_their_factors_and_periods(
    value: float, source: str, target: str, expected: float
) -> None:
    assert convert(value, source, target) == pytest.approx(expected, rel=1e-6)
    assert compatible(source, target)
    assert compatible(target, source)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("万元", "项"),
        ("人", "次"),
        ("台", "处"),
        ("人", "人次"),
        ("人次", "场"),
        ("件", "组"),
        ("件", "批"),
        ("组", "批"),
        ("户", "人"),
        ("个车位", "个充电口"),
        ("个岗位", "人"),
        ("平方米", "处"),
        ("小时", "次"),
        ("元", "元人"),
        ("人次/月", "场/月"),
    ],
)
def test_incompatible_units_do_not_convert(a: str, b: str) -> None:
    assert not compatible(a, b)
    assert not compatible(b, a)
    assert convert(1, a, b) is None
    assert convert(1, b, a) is None


@pytest.mark.parametrize(
    ("text", "dimension", "factor", "per"),
    [
        ("人次/月", Dimension.PERSON_TIMES, 1.0, Period.MONTH),
        ("人次每月", Dimension.PERSON_TIMES, 1.0, Period.MONTH),
        ("人次/每月", Dimension.PERSON_TIMES, 1.0, Period.MONTH),
        ("场/个月", Dimension.SESSIONS, 1.0, Period.MONTH),
        ("次/周", Dimension.SESSIONS, 1.0, Period.WEEK),
        ("次每星期", Dimension.SESSIONS, 1.0, Period.WEEK),
        ("万元/年", Dimension.MONEY, 1e4, Period.YEAR),
        ("元每季度", Dimension.MONEY, 1.0, Period.QUARTER),
        ("小时/周", Dimension.DURATION, 1.0, Period.WEEK),
        ("人/天", Dimension.PEOPLE, 1.0, Period.DAY),
        ("人次", Dimension.PERSON_TIMES, 1.0, None),
        ("周", Dimension.DURATION, 168.0, None),
    ],
)
def test_a_rate_is_its_units_dimension_per_period(
    text: str, dimension: Dimension, factor: float, per: Period | None
) -> None:
    unit = parse_unit(text)
    assert (unit.dimension, unit.per) == (dimension, per)
    assert unit.factor == pytest.approx(factor)


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        (30, "人次/月", "人次", 30),
        (20, "人次", "人次/月", 20),
        (10, "人次/周", "人次", 10),
        (2, "万元/年", "元", 20_000),
    ],
)
def test_a_rate_meets_a_plain_amount_over_one_of_its_periods(
    value: float, source: str, target: str, expected: float
) -> None:
    assert compatible(source, target)
    assert convert(value, source, target) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["3月", "月", "年", "日", "袋", "箱", "人/次", "家", "块"])
def test_ambiguous_or_unheard_of_units_are_unknown(text: str) -> None:
    unit = parse_unit(text)
    assert unit == Unit(normalise(text), None, 1.0, None)
    assert dimension_label(text) == normalise(text)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("袋", "袋", True),
        ("袋", " 袋 ", True),
        ("袋", "箱", False),
        ("袋", "件", False),
        ("袋/月", "袋/周", False),
        ("", "", True),
        ("", "件", False),
    ],
)
def test_an_unknown_unit_is_compatible_only_with_the_same_text(a: str, b: str, same: bool) -> None:
    assert compatible(a, b) is same
    assert convert(4, a, b) == (4 if same else None)


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("  万元 ", "万元"),
        ("5万元", "万元"),
        ("1.5 亩", "亩"),
        ("１２０　平方米", "平方米"),
        ("人次／月", "人次/月"),
        ("人次 / 月", "人次/月"),
        ("㎡", "m2"),
        ("M²", "m2"),
        ("3~5人", "人"),
        ("1,000元", "元"),
    ],
)
def test_numbers_width_and_whitespace_are_not_part_of_a_unit(text: str, normal: str) -> None:
    assert normalise(text) == normal
    assert parse_unit(text).text == normal


def test_full_width_and_spaced_units_convert_like_their_plain_forms() -> None:
    assert convert(2, "５万元", "元") == pytest.approx(20_000)
    assert convert(13, "人次／周", " 人次每月 ") == pytest.approx(13 * 52 / 12)
    assert compatible("１ 台", "件")


@pytest.mark.parametrize(
    ("unit", "label"),
    [
        ("万元", "金额"),
        ("名志愿者", "人数"),
        ("人次", "人次"),
        ("期", "场次"),
        ("处", "场所"),
        ("平米", "面积"),
        ("具", "件数"),
        ("组", "组数"),
        ("户", "户数"),
        ("个车位", "车位"),
        ("个充电口", "充电口"),
        ("个岗位", "岗位"),
        ("小时", "时长"),
        ("项", "项目"),
        ("人次/月", "人次/月"),
        ("次/周", "场次/周"),
        ("袋", "袋"),
    ],
)
def test_a_units_dimension_has_a_chinese_label(unit: str, label: str) -> None:
    assert dimension_label(unit) == label


def test_every_dimension_has_a_label() -> None:
    assert set(DIMENSION_LABELS) == set(Dimension)
    assert {period.label for period in Period} == {"天", "周", "月", "季度", "年"}


SEED_FILES = [
    project_root() / "seeds" / "catalog.yaml",
    project_root() / "seeds" / "tianchang" / "needs.yaml",
    project_root() / "seeds" / "tianchang" / "resources.yaml",
]
_UNIT_FIELD = re.compile(r"^\s*(?:unit|quantityUnit|capacityUnit):\s*(\S.*?)\s*$", re.MULTILINE)


def seed_units() -> set[str]:
    return {m.group(1) for path in SEED_FILES for m in _UNIT_FIELD.finditer(path.read_text(encoding="utf-8"))}


def test_the_seeds_use_units() -> None:
    assert {"项", "人次/月", "名志愿者", "个充电口", "具"} <= seed_units()


@pytest.mark.parametrize("unit", sorted(seed_units()))
def test_every_unit_the_seeds_use_is_known(unit: str) -> None:
    assert parse_unit(unit).known, unit
