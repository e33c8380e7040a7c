"""Reads of compounds and 红色物业 (issue #14): the decoders of its nodes, the hops the API follows
(a compound's property company, owners' committee, party organisations, 三联办; an office's compounds,
meetings and issues), the compound list and the party organisations counted by kind."""

from __future__ import annotations

from typing import Any

from orggraph.domain import compounds as cp
from orggraph.domain import entities as e
from orggraph.domain.model import Label, RelType, Urgency
from orggraph.graph import mapping
from orggraph.graph.hops import Hop, Node, NodeRow
from orggraph.graph.runner import Graph

Props = dict[str, Any]

# ---------------------------------------------------------------- decoders


def governance(p: Props) -> cp.CompoundGovernance:
    funding = None
    if p.get("fundingResidents") is not None:
        funding = cp.FallbackFunding(
            int(p["fundingResidents"]),
            int(p.get("fundingMarket") or 0),
            int(p.get("fundingProjects") or 0),
            int(p.get("fundingSubsidy") or 0),
        )
    rate = p.get("feeCollectionRate")
    return cp.CompoundGovernance(
        p["id"],
        float(rate) if rate is not None else None,
        mapping.to_date(p.get("feeMeasuredOn")),
        bool(p.get("demonstration")),
        funding,
    )


def owners_committee(p: Props) -> cp.OwnersCommittee:
    return cp.OwnersCommittee(
        p["id"], p["name"], int(p.get("members") or 0), int(p.get("partyMembers") or 0), p.get("source", "")
    )


def party_organization(compound_id: str, p: Props) -> cp.PartyOrganization:
    return cp.PartyOrganization(
        p["id"],
        cp.PartyOrgKind(p["kind"]),
        p["name"],
        int(p.get("members") or 0),
        compound_id,
        p.get("source", ""),
    )


def office(community_id: str, p: Props) -> cp.TripartiteOffice:
    return cp.TripartiteOffice(
        p["id"], p["name"], community_id, mapping.to_date(p.get("since")), p.get("source", "")
    )


def meeting(office_id: str, p: Props) -> cp.TripartiteMeeting:
    return cp.TripartiteMeeting(
        p["id"],
        office_id,
        mapping.to_date(p["heldOn"]) or mapping.to_date("1970-01-01"),  # type: ignore[arg-type]
        p.get("topic", ""),
        tuple(cp.TripartiteParty(x) for x in p.get("parties") or ()),
        int(p.get("residentRepresentatives") or 0),
        tuple(p.get("decisions") or ()),
        p.get("source", ""),
    )


def issue(office_id: str, compound_id: str | None, p: Props) -> cp.PropertyIssue:
    return cp.PropertyIssue(
        p["id"],
        p["title"],
        p.get("description", ""),
        cp.IssueStep(p["step"]),
        Urgency(p.get("urgency") or "NORMAL"),
        cp.Difficulty(p.get("difficulty") or "MEDIUM"),
        office_id,
        compound_id,
        mapping.to_date(p["raisedOn"]) or mapping.to_date("1970-01-01"),  # type: ignore[arg-type]
        mapping.to_date(p.get("doneOn")),
        p.get("source", ""),
    )


def history(p: Props) -> tuple[cp.IssueStepRecord, ...]:
    names, ats = p.get("stepNames") or [], p.get("stepAts") or []
    bys, notes = p.get("stepBys") or [], p.get("stepNotes") or []
    return tuple(
        cp.IssueStepRecord(cp.IssueStep(s), mapping.to_datetime(a), b, n)
        for s, a, b, n in zip(names, ats, bys, notes, strict=False)
    )


# an office, a meeting and an issue with the ids of where they hang (one projection each)
OFFICE_MAP = "{node: properties(o), community: [(k:Community)-[:HAS_OFFICE]->(o) | k.id][0]}"
MEETING_MAP = "{node: properties(m), office: [(m)-[:HELD_BY]->(o:TripartiteOffice) | o.id][0]}"
ISSUE_MAP = (
    "{node: properties(i), office: [(i)-[:HANDLED_BY]->(o:TripartiteOffice) | o.id][0], "
    "compound: [(i)-[:ABOUT]->(c:Compound) | c.id][0]}"
)


def _office_row(r: Props) -> cp.TripartiteOffice:
    return office(r["community"] or "", r["node"])


def _meeting_row(r: Props) -> cp.TripartiteMeeting:
    return meeting(r["office"] or "", r["node"])


def _issue_row(r: Props) -> cp.PropertyIssue:
    return issue(r["office"] or "", r["compound"], r["node"])


def _node(decode: Any) -> Any:
    return lambda _key, node, _rel: decode(node)


L, R = Label, RelType


class CompoundHops:
    """The hops of compounds and 红色物业. An office's, a meeting's and an issue's place comes with it
    through the lookups (OFFICE, MEETING, ISSUE); the hops to them return ids."""

    PROPERTY_COMPANY = Hop(L.Compound, R.MANAGED_BY, True, L.Unit, _node(mapping.unit))
    OWNERS_COMMITTEE = Hop(L.Compound, R.GOVERNED_BY, True, L.Unit, _node(owners_committee))
    PARTY_ORGANIZATIONS = Hop(
        L.Compound, R.ORGANIZED_IN, False, L.PartyOrganization,
        lambda key, node, _rel: party_organization(key, node), order="kind",
    )  # fmt: skip
    OFFICES_OF_COMPOUND = Hop(L.Compound, R.SERVES, False, L.TripartiteOffice, lambda _k, n, _r: n["id"])
    ISSUES_OF_COMPOUND = Hop(
        L.Compound, R.ABOUT, False, L.PropertyIssue, lambda _k, n, _r: n["id"], order="raisedOn"
    )
    MANAGED_COMPOUNDS = Hop(L.Unit, R.MANAGED_BY, False, L.Compound, _node(mapping.compound))
    OFFICES_OF_COMMUNITY = Hop(L.Community, R.HAS_OFFICE, True, L.TripartiteOffice, lambda _k, n, _r: n["id"])
    COMPOUNDS_OF_OFFICE = Hop(L.TripartiteOffice, R.SERVES, True, L.Compound, _node(mapping.compound))
    MEETINGS_OF_OFFICE = Hop(
        L.TripartiteOffice, R.HELD_BY, False, L.TripartiteMeeting, lambda _k, n, _r: n["id"], order="heldOn"
    )
    ISSUES_OF_OFFICE = Hop(
        L.TripartiteOffice, R.HANDLED_BY, False, L.PropertyIssue, lambda _k, n, _r: n["id"], order="raisedOn"
    )
    ISSUES_OF_MEETING = Hop(
        L.TripartiteMeeting, R.DISCUSSED, True, L.PropertyIssue, lambda _k, n, _r: n["id"], order="raisedOn"
    )
    MEETINGS_OF_ISSUE = Hop(
        L.PropertyIssue, R.DISCUSSED, False, L.TripartiteMeeting, lambda _k, n, _r: n["id"], order="heldOn"
    )
    GOVERNANCE = Node(L.Compound, governance)
    COMPOUND = Node(L.Compound, mapping.compound)
    HISTORY = Node(L.PropertyIssue, history)
    OFFICE = NodeRow(L.TripartiteOffice, _office_row, "o", OFFICE_MAP)
    MEETING = NodeRow(L.TripartiteMeeting, _meeting_row, "m", MEETING_MAP)
    ISSUE = NodeRow(L.PropertyIssue, _issue_row, "i", ISSUE_MAP)


# ---------------------------------------------------------------- lists and figures

MAX_COMPOUNDS = 500

COMPOUNDS = """
MATCH (c:Compound) WHERE c.retiredOn IS NULL
  AND ($kind IS NULL OR c.kind = $kind)
  AND ($withoutManager IS NULL OR $withoutManager = (NOT EXISTS { (c)-[:MANAGED_BY]->(:Unit) }))
  AND ($communityId IS NULL OR EXISTS { (c)-[:IN_GRID]->(:Grid)-[:PART_OF]->(:Community {id: $communityId}) })
  AND ($streetId IS NULL
       OR EXISTS { (c)-[:IN_GRID]->(:Grid)-[:PART_OF]->(:Community)-[:PART_OF]->(:Street {id: $streetId}) })
WITH c ORDER BY c.name, c.id LIMIT $limit
RETURN properties(c) AS node
"""

PARTY_ORGANIZATIONS_BY_KIND = """
MATCH (o:PartyOrganization)-[:ORGANIZED_IN]->(c:Compound) WHERE c.retiredOn IS NULL
WITH o.kind AS key, count(*) AS count ORDER BY key
RETURN collect({key: key, count: count}) AS rows
"""


async def compound_list(
    graph: Graph,
    *,
    community_id: str | None = None,
    street_id: str | None = None,
    kind: str | None = None,
    without_manager: bool | None = None,
) -> list[e.Compound]:
    rows = await graph.read(
        COMPOUNDS, kind=kind, withoutManager=without_manager, communityId=community_id,
        streetId=street_id, limit=MAX_COMPOUNDS,
    )  # fmt: skip
    return [mapping.compound(r["node"]) for r in rows]


async def party_organizations_by_kind(graph: Graph) -> dict[cp.PartyOrgKind, int]:
    rows = (await graph.read(PARTY_ORGANIZATIONS_BY_KIND))[0]["rows"]
    found = {cp.PartyOrgKind(r["key"]): int(r["count"]) for r in rows}
    return {k: found.get(k, 0) for k in cp.PartyOrgKind}
