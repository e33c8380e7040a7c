"""Score components. Each takes plain facts and returns a value in [0, 1] with a reason in Chinese
that a community secretary can read. They are pure and tested one by one."""

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
    return max(0.0, min(1.0, x))


def category_fit(
    need_domain: Domain, need_populations: frozenset[Population], domains: frozenset[Domain],
    populations: frozenset[Population],
) -> Part:  # fmt: skip
    """Domain (70%) and target population (30%). ALL on either side serves everyone."""
    domain_hit = need_domain in domains
    if Population.ALL in populations or Population.ALL in need_populations:
        pop_share = 1.0
    else:
        pop_share = len(need_populations & populations) / len(need_populations) if need_populations else 0.0
    value = 0.7 * domain_hit + 0.3 * pop_share
    d = (
        f"领域相同({DOMAIN_LABELS[need_domain]})"
        if domain_hit
        else f"领域不同(需求为{DOMAIN_LABELS[need_domain]})"
    )
    shared = sorted(need_populations & populations, key=list(Population).index)
    if pop_share == 1.0 and not shared:
        p = "服务对象覆盖全体居民"
    elif shared:
        p = "服务对象一致(" + "、".join(POPULATION_LABELS[x] for x in shared) + ")"
    else:
        p = "服务对象不同"
    return Part(_clamp(value), f"{d},{p}")


def text_similarity(raw: float, best: float) -> Part:
    """The full-text relevance, normalised by the best candidate's (the best scores 1)."""
    if raw <= 0 or best <= 0:
        return Part(0.0, "需求与资源描述没有共同关键词")
    value = _clamp(raw / best)
    level = "高度相关" if value >= 0.75 else "部分相关" if value >= 0.35 else "略有相关"
    return Part(value, f"需求与资源描述{level}")


LOCALITY_VALUES: dict[Locality, float] = {
    Locality.COMMITTEE_MEMBER: 1.0,
    Locality.CONTACT_LEADER_UNIT: 0.8,
    Locality.WORKING_COMMITTEE: 0.6,
    Locality.SAME_STREET: 0.4,
    Locality.CITY: 0.2,
}


def locality(level: Locality, community: str, street: str) -> Part:
    reasons = {
        Locality.COMMITTEE_MEMBER: f"同属{community}大党委成员单位",
        Locality.CONTACT_LEADER_UNIT: f"{community}联系市领导所在单位",
        Locality.WORKING_COMMITTEE: f"{street}大工委兼职委员单位",
        Locality.SAME_STREET: f"{street}其他社区大党委成员单位",
        Locality.CITY: "全市范围的单位",
    }
    return Part(LOCALITY_VALUES[level], reasons[level])


def capacity(left: float, quantity: float, unit: str) -> Part:
    """How much of the need the remaining capacity covers."""
    if quantity <= 0:
        return Part(1.0, "需求未注明数量")
    value = _clamp(left / quantity)
    if value >= 1.0:
        return Part(1.0, f"剩余容量 {left:g}{unit},足以满足需求")
    return Part(value, f"剩余容量 {left:g}{unit},可满足需求的 {value:.0%}")


def time_window(available_from: date, available_until: date, needed_by: date, today: date) -> Part:
    """How much of the time from today to the need's deadline the resource is available."""
    start, end = today, max(needed_by, today)
    span = (end - start).days
    if span == 0:
        ok = available_from <= today <= available_until
        return Part(1.0 if ok else 0.0, "需求已到期,资源现可提供" if ok else "需求已到期,资源现不可提供")
    overlap = (min(end, available_until) - max(start, available_from)).days
    value = _clamp(overlap / span)
    if value >= 1.0:
        return Part(1.0, f"资源在需求期限({needed_by.isoformat()})前一直可用")
    return Part(value, f"资源在需求期限前的可用时间约占 {value:.0%}")


def reliability(done: int, rating_sum: float, prior: float, strength: float = 3.0) -> Part:
    """Completed and rated past tasks, smoothed towards the city mean: a newcomer starts at the mean.

    value = (rating_sum / 5 + prior * strength) / (done + strength), with prior in [0, 1]."""
    value = _clamp((rating_sum / 5.0 + prior * strength) / (done + strength))
    if done == 0:
        return Part(value, "尚无已完成任务,按全市平均水平计")
    return Part(value, f"已完成并评价任务 {done} 项,平均 {rating_sum / done:.1f} 分")


def fairness(open_tasks: int, community_unmet: float) -> Part:
    """Spread the load (units with fewer open tasks first) and favour communities whose needs go unmet."""
    load = 1.0 / (1.0 + open_tasks / 2.0)
    value = _clamp(0.7 * load + 0.3 * community_unmet)
    load_text = "当前无在办任务" if open_tasks == 0 else f"当前在办任务 {open_tasks} 项"
    return Part(value, f"{load_text};社区待解决需求占 {community_unmet:.0%}")
