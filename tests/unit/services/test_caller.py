"""Authorization and the audit record every use case starts with, on a fake of our own Graph."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

import pytest

from orggraph.domain.auth import ANONYMOUS, Action, Forbidden, Principal, Role, Unauthenticated
from orggraph.domain.model import Label
from orggraph.graph.runner import Graph
from orggraph.services.caller import Caller, authorize

TODAY = date(2026, 11, 27)


class FakeGraph:
    """Answers scope reads with a fixed scope and records what was asked."""

    def __init__(self, scope: dict[str, str | None] | None) -> None:
        self.scope = scope
        self.reads: list[dict[str, Any]] = []

    async def read(self, query: str, **params: Any) -> list[dict[str, str | None]]:
        self.reads.append(params)
        return [self.scope] if self.scope else []


SHUGUANG = {"street": "street-guangling", "community": "comm-shuguang", "unit": None}


def graph(scope: dict[str, str | None] | None = SHUGUANG) -> FakeGraph:
    return FakeGraph(scope)


async def test_an_anonymous_caller_is_refused_before_anything_is_read() -> None:
    g = graph()
    with pytest.raises(Unauthenticated):
        await authorize(
            cast(Graph, g), Caller(ANONYMOUS, TODAY), Action.EDIT_NEED, Label.Community, "comm-shuguang"
        )
    assert g.reads == []


async def test_a_community_admin_acts_in_their_community_only() -> None:
    admin = Caller(Principal("sec", Role.COMMUNITY_ADMIN, community_id="comm-shuguang"), TODAY)
    await authorize(cast(Graph, graph()), admin, Action.EDIT_NEED, Label.Community, "comm-shuguang")
    other = {"street": "street-guangling", "community": "comm-xunhe", "unit": None}
    with pytest.raises(Forbidden):
        await authorize(cast(Graph, graph(other)), admin, Action.EDIT_NEED, Label.Community, "comm-xunhe")


async def test_a_target_that_does_not_exist_lets_only_a_role_allowed_everywhere_through() -> None:
    street_admin = Caller(Principal("st", Role.STREET_ADMIN, street_id="street-guangling"), TODAY)
    with pytest.raises(Forbidden):
        await authorize(cast(Graph, graph(None)), street_admin, Action.EDIT_NEED, Label.Need, "need-nope")
    org = Caller(Principal("org", Role.ORG_ADMIN), TODAY)
    await authorize(cast(Graph, graph(None)), org, Action.EDIT_NEED, Label.Need, "need-nope")


def test_the_audit_record_names_the_actor_the_role_and_the_target() -> None:
    caller = Caller(Principal("sec", Role.COMMUNITY_ADMIN, community_id="comm-shuguang"), TODAY)
    record = caller.audit("createNeed", "comm-shuguang", title="加装电梯")
    assert (record.actor, record.role, record.action, record.target) == (
        "sec (COMMUNITY_ADMIN)",
        "COMMUNITY_ADMIN",
        "createNeed",
        "comm-shuguang",
    )
    assert '"title": "加装电梯"' in record.params()["detail"]
