"""Who may do what: every action for every role, on a target in the principal's scope and outside it;
anonymous principals and missing scope ids are never let through; `require` tells "log in" from "not
yours"."""

from __future__ import annotations

import pytest

from orggraph.domain.auth import (
    ANONYMOUS,
    RULES,
    Action,
    Forbidden,
    Principal,
    Reach,
    Role,
    Scope,
    Unauthenticated,
    allowed,
    require,
    sees_personal_data,
)

HERE = Scope(street_id="street-a", community_id="comm-a", unit_id="unit-a", owner="居民")
ELSEWHERE = Scope(street_id="street-b", community_id="comm-b", unit_id="unit-b", owner="另一位居民")

IN_SCOPE = {
    Role.ORG_ADMIN: Principal("组织部", Role.ORG_ADMIN),
    Role.STREET_ADMIN: Principal("街道", Role.STREET_ADMIN, street_id="street-a"),
    Role.COMMUNITY_ADMIN: Principal("社区", Role.COMMUNITY_ADMIN, community_id="comm-a"),
    Role.UNIT_USER: Principal("单位", Role.UNIT_USER, unit_id="unit-a"),
    Role.VIEWER: Principal("访客", Role.VIEWER),
    Role.GRID_WORKER: Principal("网格员", Role.GRID_WORKER, community_id="comm-a"),
    Role.RESIDENT: Principal("居民", Role.RESIDENT),
}
GRID, RESIDENT = Role.GRID_WORKER, Role.RESIDENT

ORG, STREET, COMMUNITY, UNIT = Role.ORG_ADMIN, Role.STREET_ADMIN, Role.COMMUNITY_ADMIN, Role.UNIT_USER
# the per-mutation table of docs/security.md: the roles that may act on a target in their own scope
MAY = {
    Action.MANAGE_NETWORK: {ORG},
    Action.EDIT_UNIT: {ORG, UNIT},
    Action.EDIT_COMMITTEE: {ORG, STREET},
    Action.EDIT_GRID: {ORG, STREET, COMMUNITY},
    Action.CREATE_PERSON: {ORG, STREET, COMMUNITY},
    Action.RECORD_MEETING: {ORG, STREET, COMMUNITY},
    Action.RAISE_PROBLEM: {ORG, STREET, COMMUNITY},
    Action.EDIT_NEED: {ORG, STREET, COMMUNITY},
    Action.EDIT_RESOURCE: {ORG, UNIT},
    Action.CLAIM_NEED: {ORG, UNIT},
    Action.ACCEPT_MATCH: {ORG, STREET, COMMUNITY},
    Action.PROGRESS_TASK: {ORG, STREET, COMMUNITY, UNIT},
    Action.COMPLETE_TASK: {ORG, STREET, COMMUNITY},
    Action.READ_AUDIT: {ORG},
    Action.MATCH: set(Role),
    Action.PLAN_MATCHES: {ORG, STREET, COMMUNITY},
    Action.SUBSCRIBE: {ORG, STREET, COMMUNITY, UNIT, Role.VIEWER},  # not grid workers and residents
    Action.EDIT_WORKING_COMMITTEE: {ORG, STREET},
    Action.EDIT_PROJECT: {ORG, STREET},
    Action.EVALUATE_UNIT: {ORG, STREET, COMMUNITY},
    Action.RATE_PROPERTY: {ORG, STREET},
    Action.PUBLISH_RATINGS: {ORG},
    # in-service party members and campaigns (#14)
    Action.EDIT_PARTY_MEMBER: {ORG, UNIT},
    Action.PAIR_UNIT: {ORG, STREET},
    Action.KEEP_ZONES: {ORG, STREET, COMMUNITY},
    Action.RUN_CAMPAIGN: {ORG},
    Action.SUBMIT_REPORT: {ORG, STREET, COMMUNITY, GRID, RESIDENT},
    Action.DISPATCH_REPORT: {ORG, STREET},
    Action.HANDLE_REPORT: {ORG, UNIT},
    Action.RATE_REPORT: {ORG, STREET, GRID, RESIDENT},
    Action.EDIT_DISPATCH_TABLE: {ORG},
}
# actions open to every signed-in role wherever the target sits
EVERYWHERE = {Action.MATCH}
# actions on a target that sits in no scope (a new person): the roles that may act do so anywhere
UNSCOPED = {Action.CREATE_PERSON}
# actions a viewer (read only, names masked) takes city-wide: following the events
VIEWER_EVERYWHERE = {Action.SUBSCRIBE}
# a resident reports a problem at any compound (it lives anywhere)
RESIDENT_EVERYWHERE = {Action.SUBMIT_REPORT, Action.MATCH}

EVERY = [pytest.param(a, r, id=f"{a.value}-{r.value}") for a in Action for r in Role]


def test_the_rule_table_covers_every_action_and_matches_the_documented_table() -> None:
    assert set(RULES) == set(Action) == set(MAY)
    assert {a: set(rules) for a, rules in RULES.items()} == MAY


@pytest.mark.parametrize(("action", "role"), EVERY)
def test_a_role_acts_on_a_target_in_its_scope_exactly_when_the_table_says_so(
    action: Action, role: Role
) -> None:
    assert allowed(IN_SCOPE[role], action, HERE) is (role in MAY[action])


@pytest.mark.parametrize(("action", "role"), EVERY)
def test_only_the_org_admin_acts_on_a_target_outside_its_scope(action: Action, role: Role) -> None:
    expected = (
        role is Role.ORG_ADMIN
        or action in EVERYWHERE
        or (role is Role.VIEWER and action in VIEWER_EVERYWHERE)
        or (role is RESIDENT and action in RESIDENT_EVERYWHERE and role in MAY[action])
        or (action in UNSCOPED and role in MAY[action])
    )
    assert allowed(IN_SCOPE[role], action, ELSEWHERE) is expected


@pytest.mark.parametrize(("action", "role"), EVERY)
def test_require_passes_what_allowed_allows_and_refuses_the_rest_as_forbidden(
    action: Action, role: Role
) -> None:
    for target in (HERE, ELSEWHERE):
        if allowed(IN_SCOPE[role], action, target):
            require(IN_SCOPE[role], action, target)
        else:
            with pytest.raises(Forbidden, match="权限不足"):
                require(IN_SCOPE[role], action, target)


@pytest.mark.parametrize("action", list(Action))
def test_an_anonymous_principal_may_do_nothing_and_is_asked_to_log_in(action: Action) -> None:
    for target in (HERE, ELSEWHERE, Scope()):
        assert not allowed(ANONYMOUS, action, target)
        with pytest.raises(Unauthenticated, match="需要登录"):
            require(ANONYMOUS, action, target)


@pytest.mark.parametrize(
    ("principal", "action"),
    [
        (Principal("街道", Role.STREET_ADMIN), Action.EDIT_COMMITTEE),
        (Principal("社区", Role.COMMUNITY_ADMIN), Action.EDIT_NEED),
        (Principal("单位", Role.UNIT_USER), Action.EDIT_RESOURCE),
    ],
    ids=["street", "community", "unit"],
)
def test_a_scoped_role_without_its_scope_id_reaches_nothing_not_even_an_unplaced_target(
    principal: Principal, action: Action
) -> None:
    for target in (HERE, ELSEWHERE, Scope()):
        assert not allowed(principal, action, target)
        with pytest.raises(Forbidden):
            require(principal, action, target)


def test_a_target_without_a_place_is_reached_only_by_the_org_admin() -> None:
    unplaced = Scope()
    assert allowed(IN_SCOPE[Role.ORG_ADMIN], Action.PROGRESS_TASK, unplaced)
    for role in (STREET, COMMUNITY, UNIT):
        assert not allowed(IN_SCOPE[role], Action.PROGRESS_TASK, unplaced)


def test_each_reach_compares_only_its_own_level_of_the_target() -> None:
    """A street admin reaches every community of its street; a community admin only its community; a
    unit user only its unit, wherever that unit sits."""
    other_community_same_street = Scope(street_id="street-a", community_id="comm-z", unit_id="unit-z")
    assert allowed(IN_SCOPE[STREET], Action.EDIT_NEED, other_community_same_street)
    assert not allowed(IN_SCOPE[COMMUNITY], Action.EDIT_NEED, other_community_same_street)
    own_unit_elsewhere = Scope(street_id="street-b", community_id="comm-b", unit_id="unit-a")
    assert allowed(IN_SCOPE[UNIT], Action.PROGRESS_TASK, own_unit_elsewhere)
    assert not allowed(IN_SCOPE[STREET], Action.PROGRESS_TASK, own_unit_elsewhere)


def test_the_reach_of_each_scoped_role_is_its_own_level() -> None:
    for action, rules in RULES.items():
        if action in EVERYWHERE or action in UNSCOPED:
            assert set(rules.values()) == {Reach.ANY}
            continue
        assert rules.get(ORG, Reach.ANY) is Reach.ANY
        assert rules.get(STREET, Reach.STREET) is Reach.STREET
        assert rules.get(COMMUNITY, Reach.COMMUNITY) is Reach.COMMUNITY
        assert rules.get(UNIT, Reach.UNIT) is Reach.UNIT
        assert rules.get(GRID, Reach.COMMUNITY) is Reach.COMMUNITY
        assert rules.get(RESIDENT, Reach.OWN) in (
            Reach.OWN,
            Reach.ANY if action in RESIDENT_EVERYWHERE else None,
        )
        assert rules.get(Role.VIEWER) is (Reach.ANY if action in VIEWER_EVERYWHERE else None)


def test_the_forbidden_message_names_the_role_in_chinese() -> None:
    with pytest.raises(Forbidden, match="社区管理员"):
        require(IN_SCOPE[COMMUNITY], Action.MANAGE_NETWORK, HERE)


def test_personal_data_is_shown_to_signed_in_roles_other_than_viewer_unless_it_is_public() -> None:
    assert not sees_personal_data(ANONYMOUS, public=False)
    assert not sees_personal_data(IN_SCOPE[Role.VIEWER], public=False)
    assert all(sees_personal_data(IN_SCOPE[r], public=False) for r in (ORG, STREET, COMMUNITY, UNIT))
    # grid workers and residents are the public: they see only their own reports' personal data
    assert not any(sees_personal_data(IN_SCOPE[r], public=False) for r in (GRID, RESIDENT))
    assert sees_personal_data(ANONYMOUS, public=True)


def test_a_resident_rates_only_the_reports_it_submitted() -> None:
    resident = IN_SCOPE[RESIDENT]
    assert allowed(resident, Action.RATE_REPORT, Scope(street_id="street-b", owner="居民"))
    assert not allowed(resident, Action.RATE_REPORT, Scope(street_id="street-a", owner="另一位居民"))
    assert not allowed(resident, Action.RATE_REPORT, Scope(street_id="street-a"))  # no owner recorded
