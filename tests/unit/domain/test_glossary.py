"""The glossary: one word per thing, found by its English names; who may call a use case, in the words
of the authorization rules."""

from __future__ import annotations

import pytest

from orggraph.domain import glossary
from orggraph.domain.auth import Action


def test_a_field_is_its_label_and_what_it_means() -> None:
    assert glossary.label("Need", "neededBy") == "需完成日期"
    assert glossary.describe("Need", "neededBy") == "需完成日期:过了此日期仍未完成即为逾期"
    assert (
        glossary.describe_input("Need", "neededBy")
        == "需完成日期:过了此日期仍未完成即为逾期;登记时不能早于今天"
    )
    assert glossary.describe("Need") == glossary.term("Need").text


def test_a_word_reused_keeps_its_label() -> None:
    assert glossary.label("NeedFilter", "communityId") == glossary.label("Community", "id") == "社区编号"
    assert glossary.describe("NeedFilter", "communityId") == "社区编号:只看该社区的需求"


def test_an_unknown_name_is_refused_by_name() -> None:
    with pytest.raises(KeyError, match=r"Need\.nope"):
        glossary.describe("Need", "nope")
    with pytest.raises(KeyError, match="matchNeed"):
        glossary.argument("matchNeed", "nope")
    with pytest.raises(KeyError, match="createNope"):
        glossary.use_case("createNope")


def test_who_may_call_follows_the_rules() -> None:
    assert glossary.who_may(Action.READ_AUDIT) == "权限:市委组织部"
    assert glossary.who_may(Action.MATCH) == "须登录(任何角色)"
    assert glossary.who_may(Action.EDIT_RESOURCE) == "权限:市委组织部、成员单位用户(本单位)"
    assert glossary.use_case("auditLog") == "审计日志:最新在前;权限:市委组织部"
    assert glossary.use_case("streets") == "全部街道:按名称排序"  # open to everyone: no permission said


def test_a_mutations_input_is_described_as_its_input_type() -> None:
    assert glossary.argument("updateUnit", "input") == glossary.input_type("updateUnit")


def test_every_word_has_a_label() -> None:
    terms = [e.term for e in glossary.ENTITIES.values()]
    terms += [t for e in glossary.ENTITIES.values() for t in e.fields.values()]
    terms += [u.term for u in glossary.USE_CASES.values()]
    terms += [t for u in glossary.USE_CASES.values() for t in u.args.values()]
    terms += list(glossary.ENUMS.values())
    assert [t for t in terms if not t.label.strip()] == []
