"""Every type, field, argument, enum value and input field of the schema is described, for people, in
the words of the domain's glossary (orggraph.domain.glossary)."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    specified_scalar_types,
)

from orggraph.api.schema import build_schema
from orggraph.domain import glossary
from orggraph.matching.rank import COMPONENT_LABELS


def schema() -> GraphQLSchema:
    return build_schema()._schema


def descriptions(s: GraphQLSchema) -> Iterator[tuple[str, str | None]]:
    """(path, description) of every type, field, argument, enum value and input field, built-in
    scalars and introspection types aside: `Type`, `Type.field`, `Type.field(arg)`, `Enum.VALUE`."""
    for name, t in sorted(s.type_map.items()):
        if name.startswith("__") or name in specified_scalar_types:
            continue
        yield name, t.description
        if isinstance(t, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, f in t.fields.items():
                yield f"{name}.{field_name}", f.description
                for arg_name, a in f.args.items():
                    yield f"{name}.{field_name}({arg_name})", a.description
        elif isinstance(t, GraphQLInputObjectType):
            for field_name, inf in t.fields.items():
                yield f"{name}.{field_name}", inf.description
        elif isinstance(t, GraphQLEnumType):
            for value_name, v in t.values.items():
                yield f"{name}.{value_name}", v.description


def test_everything_in_the_schema_is_described() -> None:
    missing = [path for path, text in descriptions(schema()) if not (text or "").strip()]
    assert missing == [], f"{len(missing)} without a description: " + ", ".join(missing)


def test_the_walk_sees_a_removed_description() -> None:
    s = schema()
    need = s.type_map["Need"]
    assert isinstance(need, GraphQLObjectType)
    need.fields["neededBy"].description = None
    assert ("Need.neededBy", None) in set(descriptions(s))


# input types: the mutation they are the input of, the entity whose fields they hold; and the input
# fields named otherwise than the entity's
INPUT_OF = {
    "CreateUnitInput": ("createUnit", "Unit"), "UpdateUnitInput": ("updateUnit", "Unit"),
    "RecordJointMeetingInput": ("recordJointMeeting", "JointMeeting"), "CreateNeedInput": ("createNeed", "Need"),
    "UpdateNeedInput": ("updateNeed", "Need"), "CreateResourceInput": ("createResource", "Resource"),
    "UpdateResourceInput": ("updateResource", "Resource"), "AcceptMatchInput": ("acceptMatch", "Task"),
    "CreateLeaderInput": ("createLeader", "Leader"), "UpdateLeaderInput": ("updateLeader", "Leader"),
    "CreatePersonInput": ("createPerson", "Person"), "UpdatePersonInput": ("updatePerson", "Person"),
    "CreateGridInput": ("createGrid", "Grid"), "UpdateGridInput": ("updateGrid", "Grid"),
    "CreateCompoundInput": ("createCompound", "Compound"), "UpdateCompoundInput": ("updateCompound", "Compound"),
    # compounds and 红色物业 (issue #14)
    "UpdateCompoundGovernanceInput": ("updateCompoundGovernance", "CompoundGovernanceInput"),
    "SetCompoundPartyOrganizationInput": ("setCompoundPartyOrganization", "PartyOrganizationInput"),
    "CreatePropertyIssueInput": ("createPropertyIssue", "PropertyIssueInput"),
    "RecordTripartiteMeetingInput": ("recordTripartiteMeeting", "TripartiteMeetingInput"),
}  # fmt: skip
RENAMED: dict[tuple[str, str], str] = {}  # the input field named otherwise than the entity field


def test_the_descriptions_are_the_glossarys_words() -> None:
    """A field described with another field's words, or with words of its own, is caught here."""
    s = schema()
    wrong = []

    def check(path: str, actual: str | None, *expected: str) -> None:
        if actual not in expected:
            wrong.append(f"{path}: {actual!r}, the glossary says {expected[0]!r}")

    for name, t in s.type_map.items():
        if isinstance(t, GraphQLEnumType) and name in glossary.ENUMS:
            check(name, t.description, glossary.describe_enum(name))
        if name in ("Query", "Mutation", "Subscription"):
            assert isinstance(t, GraphQLObjectType)
            check(name, t.description, glossary.describe(name))
            for field_name, f in t.fields.items():
                if field_name not in glossary.USE_CASES:
                    continue  # the four paginated root fields: described with relay.py's words
                check(f"{name}.{field_name}", f.description, glossary.use_case(field_name))
                for arg_name, a in f.args.items():
                    check(
                        f"{name}.{field_name}({arg_name})",
                        a.description,
                        glossary.argument(field_name, arg_name),
                    )
        elif name in glossary.ENTITIES and isinstance(t, GraphQLObjectType | GraphQLInputObjectType):
            check(name, t.description, glossary.describe(name))
            for field_name, fd in t.fields.items():
                check(f"{name}.{field_name}", fd.description, glossary.describe(name, field_name))
        elif name in INPUT_OF and isinstance(t, GraphQLInputObjectType):
            use_case, entity = INPUT_OF[name]
            check(name, t.description, glossary.input_type(use_case))
            for field_name, inf in t.fields.items():
                key = RENAMED.get((name, field_name), field_name)
                check(
                    f"{name}.{field_name}",
                    inf.description,
                    glossary.describe_input(entity, key),
                    glossary.describe(entity, key),
                )
    assert wrong == []


def test_a_score_components_name_lists_every_component() -> None:
    text = glossary.describe("ScoreComponent", "name")
    assert [c for c in COMPONENT_LABELS if c not in text] == []
