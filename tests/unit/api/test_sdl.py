"""The committed SDL is the contract front ends code against: it must match the live schema, and any
breaking change against it must be deliberate (re-export and commit schema/orggraph.graphql)."""

from __future__ import annotations

from pathlib import Path

from graphql import build_schema, find_breaking_changes

from orggraph.api.schema import build_schema as live_schema
from orggraph.api.schema import sdl

COMMITTED = Path(__file__).resolve().parents[3] / "schema" / "orggraph.graphql"


def test_the_committed_sdl_is_the_live_schema() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == sdl(), (
        "schema/orggraph.graphql is stale: run `orggraph schema export` and commit it"
    )


def test_the_live_schema_breaks_nothing_in_the_committed_contract() -> None:
    committed = build_schema(COMMITTED.read_text(encoding="utf-8"))
    live = live_schema()._schema
    breaking = [f"{c.type.name}: {c.description}" for c in find_breaking_changes(committed, live)]
    assert breaking == []


def test_the_fixed_names_of_the_contract_are_there() -> None:
    schema = live_schema()._schema
    query, mutation = schema.query_type, schema.mutation_type
    assert query is not None and mutation is not None
    fixed_queries = {
        "communities": {"streetId", "search", "first", "after"}, "community": {"id"}, "streets": set(),
        "street": {"id"}, "units": {"kind", "search", "first", "after"}, "unit": {"id"}, "leaders": set(),
        "leader": {"id"}, "network": {"centerId", "depth"}, "cityStats": set(),
    }  # fmt: skip
    for name, args in fixed_queries.items():
        assert args <= set(query.fields[name].args), name
    assert str(query.fields["network"].args["depth"].default_value) == "2"
    for name in ("createUnit", "updateUnit", "addCommitteeMember", "removeCommitteeMember", "setContactLeader",
                 "recordJointMeeting"):  # fmt: skip
        assert name in mutation.fields, name
    assert set(schema.type_map["Seat"].values) == {"X", "N"}  # type: ignore[attr-defined]
    for type_name, fields in {
        "Community": {"id", "name", "street", "households", "committee", "contactLeaders", "grids", "needs"},
        "CommunityCommittee": {"id", "name", "secretary", "firstSecretary", "members", "meetings"},
        "Membership": {"seat", "since", "unit"},
        "Unit": {"id", "name", "kind", "memberships", "resources"},
        "Leader": {"id", "name", "title", "contacts", "firstSecretaryOf"},
        "CommunityConnection": {"edges", "pageInfo", "totalCount"},
        "PageInfo": {"hasNextPage", "endCursor"},
    }.items():
        assert fields <= set(schema.type_map[type_name].fields), type_name  # type: ignore[attr-defined]
