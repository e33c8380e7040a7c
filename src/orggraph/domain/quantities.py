"""Units of quantity as people in Chinese communities write them (5 万元, 3 处, 20 人次/月), which of them can
be compared and how one converts into another (issue #16: capacity is compared only in compatible units).

A unit belongs to a dimension (金额, 人数, 场次 ...) and has a factor to the dimension's base unit (万元 is
10000 元). Two units are compatible when they share a dimension; an unknown unit is compatible only with the
very same (normalised) string. Decisions, each a judgement a reader may revisit:

- Goods counted by the piece (台, 套, 件, 部, 具, 个, 只, 把, 张 ...) are one dimension, 件数, factor 1: a need
  for 6 具 灭火器 is met by 6 件. A 组 (a set, e.g. a group of sorting bins) and a 批 (a batch) hold an
  unknown number of pieces: each is its own dimension.
- 人 (people), 人次 (person-times) and 场/次 (sessions) are three dimensions: 10 人 may come 40 times.
  A 名志愿者 or 名医生 is a number of people (人数), whatever their trade.
- 处 (a site), 间 (a room) and 个场地 are one dimension, 场所; 项 (an item of support, a project) its own.
- Durations (时长, base 小时) use calendar conversions (天 = 24 小时, 周 = 7 天, 个月 = 365/12 天); working
  days are not guessed. 月, 年 and 日 alone are not units (3 月 is March, 2026 年 a year): 个月 is.
- A rate "X/月", "X每月" (also /周, /天, /季度, /年) is X's dimension per period. Rates convert between periods
  by how many of each fit in a year (365 天, 52 周, 12 月, 4 季度): 人次/周 to 人次/月 is x 52/12.
- A rate against a plain amount of X is compatible, reading the rate over one of its periods (a resource of
  30 人次/月 offers 30 人次 for a need of 20 人次). This reading is not transitive (10 人次/周 is 10 人次, and 10
  人次 is 10 人次/月, yet 10 人次/周 is 43.3 人次/月): convert directly between the two units compared.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class Dimension(StrEnum):
    MONEY = "MONEY"
    PEOPLE = "PEOPLE"
    PERSON_TIMES = "PERSON_TIMES"
    SESSIONS = "SESSIONS"
    PLACES = "PLACES"
    AREA = "AREA"
    PIECES = "PIECES"
    SETS = "SETS"
    BATCHES = "BATCHES"
    HOUSEHOLDS = "HOUSEHOLDS"
    PARKING_SPACES = "PARKING_SPACES"
    CHARGING_PORTS = "CHARGING_PORTS"
    JOBS = "JOBS"
    DURATION = "DURATION"
    PROJECTS = "PROJECTS"

    @property
    def label(self) -> str:
        return DIMENSION_LABELS[self]


DIMENSION_LABELS = {
    Dimension.MONEY: "金额",
    Dimension.PEOPLE: "人数",
    Dimension.PERSON_TIMES: "人次",
    Dimension.SESSIONS: "场次",
    Dimension.PLACES: "场所",
    Dimension.AREA: "面积",
    Dimension.PIECES: "件数",
    Dimension.SETS: "组数",
    Dimension.BATCHES: "批次",
    Dimension.HOUSEHOLDS: "户数",
    Dimension.PARKING_SPACES: "车位",
    Dimension.CHARGING_PORTS: "充电口",
    Dimension.JOBS: "岗位",
    Dimension.DURATION: "时长",
    Dimension.PROJECTS: "项目",
}


class Period(StrEnum):
    """The period of a rate; its value is how many of it make a year."""

    DAY = "DAY"
    WEEK = "WEEK"
    MONTH = "MONTH"
    QUARTER = "QUARTER"
    YEAR = "YEAR"

    @property
    def label(self) -> str:
        return PERIOD_LABELS[self]

    @property
    def per_year(self) -> int:
        return PERIODS_PER_YEAR[self]


PERIOD_LABELS = {
    Period.DAY: "天",
    Period.WEEK: "周",
    Period.MONTH: "月",
    Period.QUARTER: "季度",
    Period.YEAR: "年",
}
PERIODS_PER_YEAR = {Period.DAY: 365, Period.WEEK: 52, Period.MONTH: 12, Period.QUARTER: 4, Period.YEAR: 1}

# how a rate's period is written after its unit: 人次/月, 人次/每月, 人次每月, 人次/个月
_PERIOD_WORDS = {
    Period.DAY: ("天", "日"),
    Period.WEEK: ("周", "星期", "礼拜"),
    Period.MONTH: ("月", "个月"),
    Period.QUARTER: ("季度", "季", "个季度"),
    Period.YEAR: ("年", "年度"),
}
_PERIOD_SUFFIXES = sorted(
    (
        (sep + word, period)
        for period, words in _PERIOD_WORDS.items()
        for word in words
        for sep in ("/", "/每", "每")
    ),
    key=lambda pair: -len(pair[0]),
)

_PEOPLE_NOUNS = (
    "志愿者", "医生", "医护人员", "护士", "律师", "法律顾问", "党员", "社工", "教师", "老师", "专家",
    "讲师", "工作人员", "人员", "队员", "网格员", "技术人员", "心理咨询师", "学生", "儿童", "老人", "居民",
)  # fmt: skip
_HOURS_PER_DAY = 24.0

# the table: a unit as written (normalised: see normalise) -> its dimension and factor to the base unit
UNITS: dict[str, tuple[Dimension, float]] = {
    # 金额, base 元 (块 is left out: it also counts pieces)
    **{u: (Dimension.MONEY, 1.0) for u in ("元", "元人民币", "人民币")},
    "千元": (Dimension.MONEY, 1e3),
    **{u: (Dimension.MONEY, 1e4) for u in ("万元", "万元人民币")},
    "百万元": (Dimension.MONEY, 1e6),
    "千万元": (Dimension.MONEY, 1e7),
    "亿元": (Dimension.MONEY, 1e8),
    # 人数, base 人
    **{u: (Dimension.PEOPLE, 1.0) for u in ("人", "名", "位", "个人", "人员")},
    **{c + n: (Dimension.PEOPLE, 1.0) for c in ("名", "位", "个") for n in _PEOPLE_NOUNS},
    # 人次, base 人次
    "人次": (Dimension.PERSON_TIMES, 1.0),
    # 场次, base 场 (a session, a class, a round of an activity)
    **{
        u: (Dimension.SESSIONS, 1.0)
        for u in ("场", "场次", "次", "期", "堂", "堂课", "节", "节课", "课时", "轮", "场活动", "次活动")
    },
    # 场所, base 处
    **{
        u: (Dimension.PLACES, 1.0)
        for u in (
            "处",
            "间",
            "个场地",
            "处场地",
            "个场所",
            "处场所",
            "间房",
            "间活动室",
            "个活动室",
            "间教室",
        )
    },
    # 面积, base 平方米 (㎡ and m² arrive here as m2: see normalise)
    **{u: (Dimension.AREA, 1.0) for u in ("平方米", "平米", "m2", "平方")},
    "亩": (Dimension.AREA, 10000.0 / 15.0),  # 1 亩 = 1/15 公顷
    "公顷": (Dimension.AREA, 1e4),
    "平方公里": (Dimension.AREA, 1e6),
    # 件数, base 件: goods counted by the piece
    **{
        u: (Dimension.PIECES, 1.0)
        for u in ("件", "台", "套", "部", "具", "个", "只", "把", "张", "本", "册", "辆", "盏", "副", "双")
    },
    # 组数 and 批次: a set or a batch of an unknown number of pieces
    **{u: (Dimension.SETS, 1.0) for u in ("组", "套组")},
    **{u: (Dimension.BATCHES, 1.0) for u in ("批", "批次")},
    # 户数, base 户 (家 is left out: 5 家 are as often five firms)
    **{u: (Dimension.HOUSEHOLDS, 1.0) for u in ("户", "户家庭", "个家庭", "户居民")},
    **{u: (Dimension.PARKING_SPACES, 1.0) for u in ("个车位", "车位", "个停车位", "停车位")},
    **{u: (Dimension.CHARGING_PORTS, 1.0) for u in ("个充电口", "充电口", "个充电接口")},
    **{
        u: (Dimension.JOBS, 1.0)
        for u in ("个岗位", "岗位", "个就业岗位", "个公益岗位", "个工作岗位", "个公益性岗位")
    },
    # 时长, base 小时 (月, 年 and 日 alone read as dates: 3 月 is March)
    **{u: (Dimension.DURATION, 1.0) for u in ("小时", "个小时", "h")},
    **{u: (Dimension.DURATION, 1.0 / 60.0) for u in ("分钟", "min")},
    "天": (Dimension.DURATION, _HOURS_PER_DAY),
    **{u: (Dimension.DURATION, 7 * _HOURS_PER_DAY) for u in ("周", "星期", "个星期")},
    "个月": (Dimension.DURATION, 365.0 / 12.0 * _HOURS_PER_DAY),
    "个季度": (Dimension.DURATION, 365.0 / 4.0 * _HOURS_PER_DAY),
    # 项目, base 项 (an item of support, a project)
    **{u: (Dimension.PROJECTS, 1.0) for u in ("项", "项目", "个项目", "项服务")},
}


@dataclass(frozen=True)
class Unit:
    """A unit as read: its normalised text, its dimension (None: unknown), its factor to the dimension's
    base unit, and the period of a rate (None: a plain amount)."""

    text: str
    dimension: Dimension | None
    factor: float
    per: Period | None = None

    @property
    def known(self) -> bool:
        return self.dimension is not None


_LEADING_NUMBER = re.compile(r"^[0-9.,+\-~]+")


def normalise(text: str) -> str:
    """The unit as compared: full-width characters made half-width (NFKC: ／ is /, ㎡ is m2), ASCII
    lower-cased, whitespace dropped, and a leading number (5万元, 1.5 亩) left off."""
    folded = "".join(unicodedata.normalize("NFKC", text).lower().split())
    return _LEADING_NUMBER.sub("", folded)


def parse_unit(text: str) -> Unit:
    """The unit written in `text`; an unknown one has no dimension, factor 1 and no period."""
    normal = normalise(text)
    known = UNITS.get(normal)
    if known is not None:
        return Unit(normal, known[0], known[1])
    for suffix, period in _PERIOD_SUFFIXES:
        if normal.endswith(suffix) and len(normal) > len(suffix):
            base = UNITS.get(normal[: -len(suffix)])
            if base is not None:
                return Unit(normal, base[0], base[1], period)
    return Unit(normal, None, 1.0)


def compatible(a: str, b: str) -> bool:
    """Whether quantities in `a` and in `b` can be compared: the same dimension (a rate and a plain amount
    of it included), or for an unknown unit the same normalised text."""
    left, right = parse_unit(a), parse_unit(b)
    if left.dimension is None or right.dimension is None:
        return left.text == right.text
    return left.dimension is right.dimension


def convert(value: float, from_unit: str, to_unit: str) -> float | None:
    """`value` in `from_unit` expressed in `to_unit`, or None when the two are not compatible. Between two
    rates the period converts too; a rate and a plain amount meet over one period of the rate."""
    source, target = parse_unit(from_unit), parse_unit(to_unit)
    if source.dimension is None or target.dimension is None:
        return value if source.text == target.text else None
    if source.dimension is not target.dimension:
        return None
    converted = value * source.factor / target.factor
    if source.per is not None and target.per is not None:
        converted = converted * source.per.per_year / target.per.per_year
    return converted


def dimension_label(unit: str) -> str:
    """The Chinese label of the unit's dimension (万元: 金额), of a rate with its period (人次/月: 人次/月), or
    the unit itself, normalised, when unknown."""
    parsed = parse_unit(unit)
    if parsed.dimension is None:
        return parsed.text
    if parsed.per is None:
        return parsed.dimension.label
    return f"{parsed.dimension.label}/{parsed.per.label}"
