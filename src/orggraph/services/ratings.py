"""Use cases of the ratings (issue #14 point 4): recordPropertyRating, recordInspection,
recordSatisfactionSurvey and publishPropertyRatingList; and the reads that combine several things (the
year's red/black list, grid ratings, 三最).

Who may: the organization department everywhere; a street's admin (the street property management service
centre) for the communities and compounds of its street. The housing authority's score has no place in a
street, so only the organization department records it (on the authority's behalf); publishing the
city's yearly list is the organization department's too (docs/security.md)."""

from __future__ import annotations

from datetime import UTC, datetime

from neo4j import AsyncManagedTransaction

from orggraph.domain import ratings as dr
from orggraph.domain.auth import Action
from orggraph.domain.errors import BadInput, not_found
from orggraph.domain.model import Label
from orggraph.graph import rating_reads, rating_writes
from orggraph.graph.rating_reads import QUERIES
from orggraph.graph.runner import Graph
from orggraph.services.caller import Caller, authorize

_PLACE_LABEL = {
    dr.Rater.AUTHORITY: None,
    dr.Rater.COMMUNITY: Label.Community,
    dr.Rater.OWNERS: Label.Compound,
}


async def record_property_rating(
    graph: Graph, caller: Caller, cmd: dr.RecordPropertyRating
) -> dr.PropertyRating:
    label = _PLACE_LABEL[cmd.rater]
    place = cmd.place_id.strip() if label is not None else None
    await authorize(graph, caller, Action.RATE_PROPERTY, label, place)
    r = cmd.checked(caller.today)

    async def work(tx: AsyncManagedTransaction) -> dr.PropertyRating:
        dr.check_rating(await rating_writes.rating_state(tx, r), r)
        return await rating_writes.record_rating(tx, r, caller.principal.subject)

    audit = caller.audit(
        "recordPropertyRating", r.unit_id, year=r.year, rater=r.rater.value, place=r.place_id,
        partyBuilding=r.party_building, environment=r.environment, management=r.management,
    )  # fmt: skip
    return await graph.write(work, audit)


async def record_inspection(graph: Graph, caller: Caller, cmd: dr.RecordInspection) -> dr.Inspection:
    await authorize(graph, caller, Action.RATE_PROPERTY, Label.Compound, cmd.compound_id.strip())
    i = cmd.checked(caller.today)

    async def work(tx: AsyncManagedTransaction) -> dr.Inspection:
        exists, company = await rating_writes.company_of_compound(tx, i.compound_id)
        unit_id = dr.check_place_managed(exists, company, i.compound_id)
        return await rating_writes.record_inspection(tx, i, unit_id, caller.principal.subject)

    audit = caller.audit("recordInspection", i.compound_id, date=i.on.isoformat(), score=i.score)
    return await graph.write(work, audit)


async def record_survey(graph: Graph, caller: Caller, cmd: dr.RecordSurvey) -> dr.Survey:
    await authorize(graph, caller, Action.RATE_PROPERTY, Label.Compound, cmd.compound_id.strip())
    s = cmd.checked(caller.today)

    async def work(tx: AsyncManagedTransaction) -> dr.Survey:
        exists, company = await rating_writes.company_of_compound(tx, s.compound_id)
        unit_id = dr.check_place_managed(exists, company, s.compound_id)
        return await rating_writes.record_survey(tx, s, unit_id, caller.principal.subject)

    audit = caller.audit(
        "recordSatisfactionSurvey",
        s.compound_id,
        quarter=s.quarter,
        surveyed=s.surveyed,
        satisfied=s.satisfied,
    )
    return await graph.write(work, audit)


async def publish_list(graph: Graph, caller: Caller, cmd: dr.PublishList) -> rating_reads.YearList:
    """Freeze the year's list into credit records, once: publishing it again answers the published list."""
    await authorize(graph, caller, Action.PUBLISH_RATINGS)
    p = cmd.checked(caller.today)

    async def work(tx: AsyncManagedTransaction) -> rating_reads.YearList:
        found = await rating_writes.year_list(tx, p.year)
        if found.published:
            return found
        dr.check_publish([c.entry for c in found.companies], p.year)
        await rating_writes.publish(tx, found, caller.principal.subject)
        return await rating_writes.year_list(tx, p.year)

    return await graph.write(
        work, caller.audit("publishPropertyRatingList", rating_reads.list_id(p.year), year=p.year)
    )


# ---------------------------------------------------------------- reads


def _fetcher(graph: Graph) -> rating_reads.Fetch:
    async def fetch(name: str, params: dict[str, object]) -> list[dict[str, object]]:
        return [dict(r) for r in await graph.read(QUERIES[name], **params)]

    return fetch


async def year_list(graph: Graph, caller: Caller, year: int) -> rating_reads.YearList:
    dr.check_year(year, caller.today)
    return await rating_reads.year_list(_fetcher(graph), year)


async def _scope_checked(graph: Graph, community_id: str | None, street_id: str | None) -> None:
    if community_id is not None and street_id is not None:
        raise BadInput("streetId: 社区和街道只填一个(都不填为全市)", field="streetId")
    row = (await graph.read(QUERIES["SCOPE_EXISTS"], communityId=community_id, streetId=street_id))[0]
    if not row["community"]:
        raise not_found("社区", str(community_id), "communityId")
    if not row["street"]:
        raise not_found("街道", str(street_id), "streetId")


def _now() -> datetime:
    return datetime.now(UTC)


async def grid_ratings(
    graph: Graph, quarter: str, community_id: str | None, street_id: str | None
) -> tuple[dr.Period, list[rating_reads.GridRow]]:
    period = dr.quarter(quarter)
    await _scope_checked(graph, community_id, street_id)
    return period, await rating_reads.grid_figures(_fetcher(graph), period, _now(), community_id, street_id)


async def honours(
    graph: Graph, half: str, community_id: str | None, street_id: str | None
) -> tuple[dr.Period, list[dr.Award]]:
    period = dr.half_year(half)
    await _scope_checked(graph, community_id, street_id)
    rows = await rating_reads.grid_figures(_fetcher(graph), period, _now(), community_id, street_id)
    candidates = [dr.Candidate(r.leader_id, r.score) for r in rows if r.leader_id is not None]
    return period, dr.choose_honours(candidates)
