"""Score components. Each takes plain facts and gives a value in [0, 1] and a reason in Chinese that a
community secretary can read. They are pure and tested one by one.

Every component comes as a pair: `<name>_value(...)`, cheap, used to score thousands of candidates,
and `<name>(...)` -> Part(value, reason), used for the candidates that are shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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


# ---------------------------------------------------------------- text similarity
def text_value(raw: float, best: float) -> float:
    """The full-text relevance, normalised by the best candidate's (the best scores 1)."""
    return 0.0 if raw <= 0 or best <= 0 else _clamp(raw / best)


def text_similarity(raw: float, best: float) -> Part:
    value = text_value(raw, best)
    if value == 0.0:
        return Part(0.0, "需求与资源描述没有共同关键词")
    level = "高度相关" if value >= 0.75 else "部分相关" if value >= 0.35 else "略有相关"
    return Part(value, f"需求与资源描述{level}")


# ---------------------------------------------------------------- locality in the graph
LOCALITY_VALUES: dict[Locality, float] = {
    Locality.COMMITTEE_MEMBER: 1.0,
    Locality.CONTACT_LEADER_UNIT: 0.8,
    Locality.WORKING_COMMITTEE: 0.6,
    Locality.SAME_STREET: 0.4,
    Locality.CITY: 0.2,
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
    }
    return Part(LOCALITY_VALUES[level], reasons[level])


# ---------------------------------------------------------------- capacity
def capacity_value(left: float, quantity: float) -> float:
    """How much of the need the remaining capacity covers."""
    return 1.0 if quantity <= 0 else _clamp(left / quantity)


def capacity(left: float, quantity: float, unit: str) -> Part:
    value = capacity_value(left, quantity)
    if quantity <= 0:
        return Part(value, "需求未注明数量")
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
