"""Score components. Each takes plain facts and gives a value in [0, 1] and a reason in Chinese that a
community secretary can read. They are pure and tested one by one.

Every component comes as a pair: `<name>_value(...)`, cheap, used to score thousands of candidates,
and `<name>(...)` -> Part(value, reason), used for the candidates that are shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from orggraph.domain.concepts import Vocabulary
from orggraph.domain.quantities import convert, dimension_label
from orggraph.domain.taxonomy import DOMAIN_LABELS, POPULATION_LABELS, Domain, Population
from orggraph.matching.facts import Locality


@dataclass(frozen=True)
class Part:
    value: float
    reason: str


def _clamp(x: float) -> float:
    return 0.0 if x < 0.0 else 1.0 if x > 1.0 else x


# ---------------------------------------------------------------- category fit
# The need's domain counts for 70% of the category fit, its target population for the rest.
DOMAIN_SHARE = 0.7
POPULATION_SHARE = 0.3


def category_value(
    need_domain: Domain, need_populations: frozenset[Population], domains: frozenset[Domain],
    populations: frozenset[Population],
) -> float:  # fmt: skip
    """Domain (70%) and target population (30%). ALL on either side serves everyone."""
    if Population.ALL in populations or Population.ALL in need_populations:
        pop_share = 1.0
    else:
        pop_share = len(need_populations & populations) / len(need_populations) if need_populations else 0.0
    return _clamp(DOMAIN_SHARE * (need_domain in domains) + POPULATION_SHARE * pop_share)


def category_fit(
    need_domain: Domain, need_populations: frozenset[Population], domains: frozenset[Domain],
    populations: frozenset[Population],
) -> Part:  # fmt: skip
    value = category_value(need_domain, need_populations, domains, populations)
    hit = need_domain in domains
    d = f"领域相同({DOMAIN_LABELS[need_domain]})" if hit else f"领域不同(需求为{DOMAIN_LABELS[need_domain]})"
    shared = sorted(need_populations & populations, key=list(Population).index)
    if shared:
        p = "服务对象一致(" + "、".join(POPULATION_LABELS[x] for x in shared) + ")"
    elif Population.ALL in populations or Population.ALL in need_populations:
        p = "服务对象覆盖全体居民"
    else:
        p = "服务对象不同"
    return Part(value, f"{d},{p}")


# ---------------------------------------------------------------- text relevance
# The relevance (orggraph.matching.text.relevance) is absolute: a share of the need's telling words the
# resource covers. Its levels, set on the evaluation set (tests/eval, docs/matching.md):
HIGHLY_RELEVANT = 0.5
RELEVANT = 0.25


def text_value(relevance: float) -> float:
    return _clamp(relevance)


def text_similarity(relevance: float, shared: Sequence[str] = ()) -> Part:
    value = text_value(relevance)
    if value == 0.0:
        return Part(0.0, "需求与资源描述没有共同关键词")
    level = "高度相关" if value >= HIGHLY_RELEVANT else "相关" if value >= RELEVANT else "弱相关"
    words = f"(共同词:{'、'.join(shared)})" if shared else ""
    return Part(value, f"需求与资源描述{level}{words}")


# ---------------------------------------------------------------- concepts
# A concept the need and the resource share counts 1; one the resource shares only through a broader or
# narrower concept (燃气安全 and 消防安全 under 平安建设) counts half.
RELATED_CONCEPT = 0.5


@lru_cache(maxsize=8192)
def related_concepts(concept_id: str, vocab: Vocabulary) -> frozenset[str]:
    """The concepts related to one without being it: its broader ones, its narrower ones and its siblings
    (cached: the vocabulary of a process does not change)."""
    if concept_id not in vocab.by_id:
        return frozenset()
    parent = vocab.by_id[concept_id].broader
    siblings = vocab.narrower(parent) if parent is not None else ()
    return frozenset({*vocab.ancestors(concept_id), *_descendants(concept_id, vocab), *siblings}) - {
        concept_id
    }


def _descendants(concept_id: str, vocab: Vocabulary) -> set[str]:
    out: set[str] = set()
    todo = list(vocab.narrower(concept_id))
    while todo:
        c = todo.pop()
        if c not in out:
            out.add(c)
            todo.extend(vocab.narrower(c))
    return out


def _concept_match(
    need: frozenset[str], resource: frozenset[str], vocab: Vocabulary
) -> tuple[float, str, str]:
    """The best match between the need's and the resource's concepts: (value, need concept, resource
    concept), the first in id order among equals."""
    shared = sorted(need & resource)
    if shared:
        return (1.0, shared[0], shared[0])
    for n in sorted(need):
        related = sorted(related_concepts(n, vocab) & resource)
        if related:
            return (RELATED_CONCEPT, n, related[0])
    return (0.0, "", "")


def concept_value(need: frozenset[str], resource: frozenset[str], vocab: Vocabulary) -> float:
    if not need or not resource:
        return 0.0
    return _concept_match(need, resource, vocab)[0]


def concept_fit(need: frozenset[str], resource: frozenset[str], vocab: Vocabulary) -> Part:
    if not need:
        return Part(0.0, "需求未标注主题")
    if not resource:
        return Part(0.0, "资源未标注主题")
    value, n, r = _concept_match(need, resource, vocab)
    if value >= 1.0:
        return Part(value, f"都涉及“{vocab.by_id[n].name}”")
    if value > 0.0:
        return Part(value, f"主题相近:需求涉及“{vocab.by_id[n].name}”,资源涉及“{vocab.by_id[r].name}”")
    return Part(0.0, "主题不同")


# ---------------------------------------------------------------- locality in the graph
LOCALITY_VALUES: dict[Locality, float] = {
    Locality.COMMITTEE_MEMBER: 1.0,
    Locality.CONTACT_LEADER_UNIT: 0.8,
    Locality.WORKING_COMMITTEE: 0.6,
    Locality.SAME_STREET: 0.4,
    Locality.CITY: 0.2,
    Locality.PROVINCE: 0.1,
}


def locality_value(level: Locality) -> float:
    return LOCALITY_VALUES[level]


def locality(level: Locality, community: str, street: str) -> Part:
    reasons = {
        Locality.COMMITTEE_MEMBER: f"同属{community}大党委成员单位",
        Locality.CONTACT_LEADER_UNIT: f"{community}联系市领导所在单位",
        Locality.WORKING_COMMITTEE: f"{street}大工委兼职委员单位",
        Locality.SAME_STREET: f"{street}其他社区大党委成员单位",
        Locality.CITY: "全市范围的单位",
        Locality.PROVINCE: "全省范围的外市单位",
    }
    return Part(LOCALITY_VALUES[level], reasons[level])


# ---------------------------------------------------------------- capacity
# capacity counted in a unit the need's quantity cannot be compared with (1 项 against 5 万元): neither
# enough nor too little is known
INCOMPARABLE = 0.5


def capacity_value(left: float, quantity: float, left_unit: str = "", quantity_unit: str = "") -> float:
    """How much of the need the remaining capacity covers, in the need's unit (INCOMPARABLE when the units
    are not compatible: orggraph.domain.quantities)."""
    if quantity <= 0:
        return 1.0
    left_in_need_unit = converted(left, left_unit, quantity_unit)
    return INCOMPARABLE if left_in_need_unit is None else _clamp(left_in_need_unit / quantity)


def converted(left: float, left_unit: str, quantity_unit: str) -> float | None:
    """`left` in the need's unit; None when the units are not compatible (a missing unit is taken as the other)."""
    if left_unit == quantity_unit or not left_unit or not quantity_unit:
        return left
    return convert(left, left_unit, quantity_unit)


def capacity(left: float, quantity: float, unit: str, quantity_unit: str = "") -> Part:
    value = capacity_value(left, quantity, unit, quantity_unit)
    if quantity <= 0:
        return Part(value, "需求未注明数量")
    if converted(left, unit, quantity_unit) is None:
        return Part(
            value,
            f"剩余容量 {left:g}{unit},需求为 {quantity:g}{quantity_unit},"
            f"计量单位不同({dimension_label(unit)}与{dimension_label(quantity_unit)}),无法比较多少",
        )
    if value >= 1.0:
        return Part(value, f"剩余容量 {left:g}{unit},足以满足需求")
    return Part(value, f"剩余容量 {left:g}{unit},可满足需求的 {value:.0%}")


# ---------------------------------------------------------------- time window
def time_value(available_from: date, available_until: date, needed_by: date, today: date) -> float:
    """How much of the time from today to the need's deadline the resource is available; for an
    overdue need, whether it is available now."""
    end = max(needed_by, today)
    span = (end - today).days
    if span == 0:
        return 1.0 if available_from <= today <= available_until else 0.0
    return _clamp((min(end, available_until) - max(today, available_from)).days / span)


def time_window(available_from: date, available_until: date, needed_by: date, today: date) -> Part:
    value = time_value(available_from, available_until, needed_by, today)
    if needed_by <= today:
        return Part(value, "需求已到期,资源现可提供" if value else "需求已到期,资源现不可提供")
    if value >= 1.0:
        return Part(value, f"资源在需求期限({needed_by.isoformat()})前一直可用")
    return Part(value, f"资源在需求期限前的可用时间约占 {value:.0%}")


# ---------------------------------------------------------------- reliability
RATING_SCALE = 5.0  # ratings run from 1 to 5
# The city mean (the prior) when no task has been rated yet, and how many tasks it weighs as.
PRIOR_WITHOUT_RATINGS = 0.8
PRIOR_STRENGTH = 3.0


def rating_prior(mean_rating: float | None) -> float:
    """Reliability's prior: the city's mean rating of completed tasks on [0, 1]."""
    return PRIOR_WITHOUT_RATINGS if mean_rating is None else mean_rating / RATING_SCALE


# A community's yearly evaluation of the unit (社区年度评价, 0-100) counts as much as this many rated tasks.
EVALUATION_SCALE = 100.0
EVALUATION_WEIGHT = 2.0


def reliability_value(
    done: int,
    rating_sum: float,
    prior: float,
    strength: float = PRIOR_STRENGTH,
    evaluation: float | None = None,
) -> float:
    """Completed and rated past tasks and the communities' latest yearly evaluation, smoothed towards the
    city mean: a newcomer starts at the mean.

    value = (rating_sum / 5 + e * w + prior * strength) / (done + w + strength), with prior in [0, 1],
    e the evaluation / 100 and w = EVALUATION_WEIGHT when the unit has been evaluated (else 0)."""
    weight = 0.0 if evaluation is None else EVALUATION_WEIGHT
    scored = 0.0 if evaluation is None else evaluation / EVALUATION_SCALE * weight
    return _clamp((rating_sum / RATING_SCALE + scored + prior * strength) / (done + weight + strength))


def reliability(
    done: int,
    rating_sum: float,
    prior: float,
    strength: float = PRIOR_STRENGTH,
    evaluation: float | None = None,
    evaluation_year: int | None = None,
) -> Part:
    value = reliability_value(done, rating_sum, prior, strength, evaluation)
    tasks = f"已完成并评价任务 {done} 项,平均 {rating_sum / done:.1f} 分" if done else "尚无已完成任务"
    if evaluation is None:
        return Part(value, tasks if done else "尚无已完成任务,按全市平均水平计")
    year = f"({evaluation_year}年)" if evaluation_year is not None else ""
    return Part(value, f"{tasks};社区年度评价 {evaluation:.0f} 分{year}")


# ---------------------------------------------------------------- fairness
# The unit's load counts for 70% of fairness, the community's unmet needs for the rest.
LOAD_SHARE = 0.7
UNMET_SHARE = 0.3


def load_value(open_tasks: int) -> float:
    """The load part of fairness: a unit with no open task gets the whole share, halved at two tasks."""
    return LOAD_SHARE / (1.0 + open_tasks / 2.0)


def fairness_value(open_tasks: int, community_unmet: float) -> float:
    """Spread the load (units with fewer open tasks first) and favour communities whose needs go unmet."""
    return _clamp(load_value(open_tasks) + UNMET_SHARE * community_unmet)


def fairness(open_tasks: int, community_unmet: float) -> Part:
    value = fairness_value(open_tasks, community_unmet)
    load_text = "当前无在办任务" if open_tasks == 0 else f"当前在办任务 {open_tasks} 项"
    return Part(value, f"{load_text};社区待解决需求占 {community_unmet:.0%}")
