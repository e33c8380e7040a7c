"""The demo's compounds and 红色物业 (issue #14) from the generator, and the seed validation of that part."""

from __future__ import annotations

from orggraph.domain.compounds import IssueStep, PartyOrgKind
from orggraph.seeding import tianchang
from orggraph.seeding.validate import validate


def test_the_validation_refuses_a_broken_red_property_part() -> None:
    b = tianchang.bundle()
    seed = b.red_property
    issue = seed.issues[0]
    skipped = issue.model_copy(update={"history": [issue.history[0], issue.history[2]]})  # 党组织提议 skipped
    core = next(o for o in seed.party_organizations if o.kind is PartyOrgKind.CORE_BRANCH)
    bare = next(c for c in b.compounds if c.kind.value == "NO_PROPERTY")
    no_committee = core.model_copy(
        update={"id": "org-x", "kind": PartyOrgKind.OWNERS_BRANCH, "compound_id": bare.id}
    )
    meeting = seed.meetings[0].model_copy(
        update={"issue_ids": [seed.issues[-1].id]}
    )  # another office's issue
    broken = b.model_copy(update={"red_property": seed.model_copy(update={
        "issues": [skipped, *seed.issues[1:]],
        "party_organizations": [*seed.party_organizations, no_committee],
        "meetings": [meeting, *seed.meetings[1:]],
    })})  # fmt: skip
    found = {(p.record, p.problem.split(":")[0]) for p in validate(broken)}
    assert (issue.id, "history") in found
    assert ("org-x", "an owners'-committee branch in a compound without an owners' committee") in found
    assert (meeting.id, "issueIds") in found
    assert all(p.file == "compounds.yaml" for p in validate(broken))


def test_every_issue_ends_where_its_history_ends() -> None:
    seed = tianchang.bundle().red_property
    done = [i for i in seed.issues if i.history[-1].step is IssueStep.DONE]
    assert len([i for i in done if i.history[-1].at.year == 2021]) == 163
