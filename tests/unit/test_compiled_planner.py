"""The operation compiler without a database: what it covers, what it leaves to strawberry, and that
nothing a client writes (aliases, fragment and variable names, literal values) reaches the Cypher."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from graphql import parse
from hypothesis import example, given
from hypothesis import strategies as st

from orggraph.api.compiled.catalog import TYPES, Run
from orggraph.api.compiled.planner import NotCompilable, compile_operation
from orggraph.api.schema import build_schema
from orggraph.graph import mapping

SCHEMA = build_schema()._schema
RUN = Run(pii=False, today=date(2026, 11, 28))


# properties each decoder accepts (the others: id and name)
SAMPLES: dict[str, dict[str, Any]] = {
    "Membership": {"seat": "X", "since": "2021-01-01"},
    "Unit": {"id": "u", "name": "n", "kind": "AGENCY"},
    "Compound": {"id": "c", "name": "n", "kind": "COMMERCIAL"},
    "Need": {
        "id": "n",
        "title": "t",
        "domain": "ELDER",
        "quantity": 1,
        "neededBy": "2027-01-01",
        "status": "COLLECTED",
        "supportTypes": ["FUND"],
        "populations": ["ELDERLY"],
    },
    "NeedStep": {"at": "2026-01-01T00:00:00", "to": "COLLECTED", "from": "COLLECTED"},
    "Resource": {
        "id": "r",
        "title": "t",
        "supportType": "FUND",
        "capacity": 1,
        "availableFrom": "2026-01-01",
        "availableUntil": "2027-01-01",
        "serviceArea": "CITY",
    },
    "JointMeeting": {"id": "m", "heldOn": "2026-01-01"},
}


def plan(query: str, name: str | None = None) -> Any:
    return compile_operation(SCHEMA, parse(query), name, 50_000)


def test_client_text_never_reaches_the_cypher() -> None:
    evil = "x') DETACH DELETE n //"
    p = plan(
        """query Evil($zzVarName: ID!) { zzAliasOne: community(id: $zzVarName) { ...zzFrag
             zzAliasTwo: committee { zzAliasThree: members(seat: X) { seat } } }
           zzAliasFour: unit(id: "%s") { name } }
           fragment zzFrag on Community { zzAliasFive: name }""".replace("%s", evil.replace('"', ""))
    )
    r = p.request({"zzVarName": evil}, RUN)
    assert "zz" not in r.text and "DETACH" not in r.text and "Evil" not in r.text
    assert evil in r.params.values()  # the values travel as parameters
    assert r.params["pii"] is False


def test_field_order_and_aliases_come_from_the_selection() -> None:
    p = plan('{ b: community(id: "c1") { households a: name id } }')
    r = p.request({}, RUN)
    row = [["ignored"]]
    value = [{"id": "c1", "name": "曙光社区", "households": None}]
    out = r.finish([value, *row])
    assert list(out) == ["b"] and list(out["b"]) == ["households", "a", "id"]
    assert out["b"] == {"households": 0, "a": "曙光社区", "id": "c1"}  # mapping's default for households


@pytest.mark.parametrize(
    "query",
    [
        'mutation { removeCommitteeMember(committeeId: "k", unitId: "u") { id } }',
        "{ auditLog { totalCount } }",
        "{ __schema { types { name } } }",
        "query ($s: Boolean!) { streets { id @skip(if: $s) } }",
        '{ matchNeed(needId: "n") { score } }',
        "{ needs { totalCount } resources { totalCount } communities { totalCount } x: needs { totalCount } }",
    ],
)
def test_what_is_not_covered_is_left_to_strawberry(query: str) -> None:
    with pytest.raises(NotCompilable):
        plan(query)


def test_each_decoder_reads_only_the_keys_its_type_projects() -> None:
    """The projection holds what graph/mapping.py's decoder reads: a key it reads that is not
    projected would decode as missing on the fast path only."""

    class Recording(dict[str, Any]):
        read: set[str]

        def __getitem__(self, key: str) -> Any:
            self.read.add(key)
            return super().__getitem__(key)

        def get(self, key: str, default: Any = None) -> Any:
            self.read.add(key)
            return super().get(key, default)

    for name, spec in TYPES.items():
        props = Recording(SAMPLES.get(name, {"id": "x", "name": "n"}))
        props.read = set()
        spec.decode(props)
        assert props.read <= set(spec.keys), (name, props.read - set(spec.keys))
        # the required keys alone decode (every other key is read with a default) ...
        sample = SAMPLES.get(name, {"id": "x", "name": "n"})
        spec.decode({k: v for k, v in sample.items() if k in spec.required})
        # ... and each of them is required
        for key in spec.required:
            with pytest.raises(KeyError):
                spec.decode({k: v for k, v in sample.items() if k != key})

    assert mapping.community  # the decoders are the slow path's own


def test_plain_fields_are_what_the_decoder_makes_of_them() -> None:
    """An object whose selected fields are all plain is built from its properties without the decoder: each
    plain field must serialize to what the decoded entity's attribute serializes to."""
    from orggraph.api.compiled.planner import serializer

    for name, spec in TYPES.items():
        props = SAMPLES.get(name, {"id": "x", "name": "n"})
        entity = spec.decode(props)
        gtype = SCHEMA.get_type(name)
        for field in spec.plain:
            ser = serializer(gtype.fields[field].type)  # type: ignore[union-attr]
            # what the projection hands over: a float property through toFloatOrNull (a stored 1 reaches JSON as 1.0)
            given = float(props[field]) if field in spec.floats else props[field]
            built, decoded = ser(given), ser(getattr(entity, field))
            assert (type(built), built) == (type(decoded), decoded), (name, field)


def test_float_properties_are_the_floats_the_decoder_makes() -> None:
    """A property in `floats` is projected as toFloatOrNull(...): the decoder must read it as a float, an integer
    (stored by an import, say) as the same float."""
    for name, spec in TYPES.items():
        props = SAMPLES.get(name, {"id": "x", "name": "n"})
        for key in spec.floats:
            attr = spec.fields[key].attr  # type: ignore[union-attr]
            from_int = getattr(spec.decode({**props, key: 7}), attr)
            assert (type(from_int), from_int) == (float, 7.0), (name, key)
            assert getattr(spec.decode({**props, key: 7.0}), attr) == from_int
    assert TYPES["Resource"].floats and TYPES["Need"].floats
    statement = plan('{ unit(id: "u") { resources { title capacity } } }').request({}, RUN).text
    assert "toFloatOrNull(v2.`capacity`)]" in statement  # a plain field: the resource is a list of its values


def test_dates_come_as_text_the_decoder_reads_as_the_date() -> None:
    """A Date property in `dates` reaches the decoder as Neo4j's toString of it (ISO text): the entity must be
    the one the driver's neo4j.time.Date makes. And every key the decoder reads as a date is in `dates`."""
    from neo4j.time import Date as Neo4jDate

    found = set()
    for name, spec in TYPES.items():
        props = SAMPLES.get(name, {"id": "x", "name": "n"})
        for key in spec.keys:
            try:
                native = spec.decode({**props, key: Neo4jDate(1999, 12, 31)})
                text = spec.decode({**props, key: "1999-12-31"})  # what toString(date('1999-12-31')) returns
                other = spec.decode({**props, key: "2000-01-01"})
            except (TypeError, ValueError, KeyError):
                native = text = other = None
            # read as a date: the two forms decode alike (a key kept as is keeps them apart), and the date
            # matters (a truth value of it would not)
            read_as_date = native is not None and native == text != other
            assert read_as_date == (key in spec.dates), (name, key)
            if read_as_date:
                found.add((name, key))
    assert {("Need", "neededBy"), ("Membership", "since"), ("Resource", "availableUntil")} <= found


def test_date_properties_are_projected_as_text() -> None:
    statement = plan('{ unit(id: "u") { resources { title availableUntil } } }').request({}, RUN).text
    assert "`availableFrom`: toString(v2.`availableFrom`)" in statement
    meetings = plan('{ community(id: "c") { committee { meetings { topic } } } }').request({}, RUN).text
    assert "| [toString(v4.heldOn), v4.id, " in meetings  # the hop's sort key too


def test_an_object_of_plain_fields_projects_only_what_is_selected() -> None:
    text = plan('{ community(id: "c") { name committee { name members { seat unit { name kind } } } } }')
    statement = text.request({}, RUN).text
    # not id, source or households (no decoder to feed), and as a list of values rather than a map
    assert "RETURN [v1.`name`, [(v1)" in statement and "v1 {" not in statement
    # one flat list: the hop's sort key and id, the membership's seat, then its unit as a list of its own
    assert "[v4.name, v4.id, r5.`seat`, [v4.`name`, v4.`kind`]]" in statement
    decoded = plan('{ community(id: "c") { name households } }').request({}, RUN).text
    assert "{.`id`, .`name`, .`households`}" in decoded  # households is decoded (int, default 0)


_TEXT_KEYS = st.text(
    # the BMP's upper end, surrogate pairs (beyond it) and plain text: where code points and UTF-16 differ
    alphabet=st.sampled_from(["a", "b", "社", "区", "\ue000", "\uffff", "\U0001f600", "\U00020000"]),
    max_size=3,
)
_IDS = st.one_of(st.none(), st.text(alphabet="ab\U0001f600", max_size=2))
# a hop's sort property has one type (text or a number), nulls aside; _in_order is asked for two items or more
_PAIRS = st.sampled_from([_TEXT_KEYS, st.integers(-3, 3)]).flatmap(
    lambda keys: st.lists(st.tuples(st.one_of(st.none(), keys), _IDS), min_size=2, max_size=8)
)


@given(_PAIRS)
@example(pairs=[("\uffff", "a"), ("\U0001f600", "a")])  # code points and UTF-16 disagree
@example(pairs=[(None, "a"), ("b", "a"), ("b", None)])
def test_a_hops_items_are_put_in_the_order_neo4j_gives_them(pairs: list[tuple[Any, Any]]) -> None:
    """The fast sort (Python's comparison when every key and id is BMP text) ranks a hop's items exactly as
    the reference key does: nulls last, strings by UTF-16 code units, numbers by value."""
    from orggraph.api.compiled.planner import _in_order, _order

    items = [[k, i, n] for n, (k, i) in enumerate(pairs)]
    assert [x[2] for x in _in_order(items)] == [x[2] for x in sorted(items, key=_order)]


def _same_values(got: Any, ref: Any) -> bool:
    def seen(values: Any) -> Any:
        return (
            values.coerced,
            {k: (v.value, v.signature.name, str(v.signature.type)) for k, v in values.sources.items()},
        )

    return seen(got) == seen(ref)


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("query ($id: ID!) { community(id: $id) { name } }", {"id": "k1"}),
        ("query ($id: ID!) { community(id: $id) { name } }", {"id": 12}),  # an ID may be given as an int
        ("query ($id: ID!) { community(id: $id) { name } }", {"id": True}),  # refused
        ("query ($id: ID!) { community(id: $id) { name } }", {"id": None}),  # refused
        ("query ($id: ID!) { community(id: $id) { name } }", {}),  # refused
        ("query ($s: ID) { communities(streetId: $s) { totalCount } }", {}),  # nullable, left out
        (
            "query ($s: ID, $n: Int) { communities(streetId: $s, first: $n) { totalCount } }",
            {"s": "x", "n": 3},
        ),
        (
            "query ($s: ID, $n: Int) { communities(streetId: $s, first: $n) { totalCount } }",
            {"s": "x", "n": 2**40},
        ),
        ("query ($s: ID, $n: Int = 5) { communities(streetId: $s, first: $n) { totalCount } }", {"s": "x"}),
        (
            "query ($st: NeedStatus!, $d: Domain!) { needs(filter: {status: [$st], domain: $d}) { totalCount } }",
            {"st": "PUBLISHED", "d": "ELDER", "unused": 1},
        ),
        (
            "query ($st: NeedStatus!, $d: Domain!) { needs(filter: {status: [$st], domain: $d}) { totalCount } }",
            {"st": "NOPE", "d": "ELDER"},  # refused
        ),
        ("query ($st: [NeedStatus!]) { needs(filter: {status: $st}) { totalCount } }", {"st": ["PUBLISHED"]}),
    ],
)
def test_a_plan_coerces_variables_as_graphql_core_does(query: str, variables: dict[str, Any]) -> None:
    """The leaf variables' short way gives graphql-core's values and sources; what graphql-core refuses, the
    fast path leaves to strawberry (Fallback), which words the error."""
    from graphql.execution.values import get_variable_values

    from orggraph.api.compiled.planner import Fallback

    p = plan(query)
    ref = get_variable_values(SCHEMA, p.operation.variable_definitions or (), variables)
    if isinstance(ref, list):
        with pytest.raises(Fallback):
            p.coerce(variables)
    else:
        assert _same_values(p.coerce(variables), ref)


def test_a_plans_cost_is_computed_once_for_the_variables_it_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    from orggraph.api import limits
    from orggraph.api.compiled import planner

    calls: list[int] = []

    def counted(*args: Any) -> int:
        calls.append(1)
        return limits._cost(*args)

    monkeypatch.setattr(planner, "_cost", counted)
    p = plan("query ($s: ID, $n: Int) { communities(streetId: $s, first: $n) { edges { node { name } } } }")
    small, large = p.cost({"s": "a", "n": 2}), p.cost({"s": "a", "n": 50})
    assert small < large  # `first` is read: each value its own cost
    assert p.cost({"s": "b", "n": 2}) == small and p.cost({"s": "c", "n": 50}) == large
    assert len(calls) == 2  # the street is not read: reused
    assert p.cost({"s": "a", "n": 2.0}) == limits._cost(
        p.operation.selection_set, p.fragments, {"n": 2.0}, 1, 0
    )
    assert len(calls) == 3  # 2.0 is not 2 (the cost function tells them apart)
    fixed = plan('{ community(id: "c") { name } }')
    assert fixed.cost({}) == fixed.cost({"x": 1}) and len(calls) == 4


def test_a_generated_builder_answers_as_the_serializers_do() -> None:
    """In place of the call, a builder keeps a str for a String or ID field and looks an enum's name up; any
    other value still goes through the serializer (an ID stored as a number, an enum member, a null)."""
    from graphql import GraphQLNonNull

    from orggraph.api.compiled.planner import Fallback, _object_builder, serializer

    unit = SCHEMA.get_type("Unit")
    id_ser = serializer(GraphQLNonNull(unit.fields["id"].type.of_type))  # type: ignore[union-attr]
    kind_ser = serializer(unit.fields["kind"].type)  # type: ignore[union-attr]
    build = _object_builder(
        None, [("a", None), ("b", None)], {0: ("id", id_ser), 1: ("kind", kind_ser)}, ("id", "kind")
    )  # type: ignore[list-item]
    for props in (["u1", "AGENCY"], [12, "AGENCY"], ["u1", "SOCIAL_ORG"]):
        assert build(props, RUN) == {"a": id_ser(props[0]), "b": kind_ser(props[1])}
    assert build([12, "AGENCY"], RUN)["a"] == "12"
    with pytest.raises(KeyError):
        build(["u1", "NOT_A_KIND"], RUN)  # refused, as the serializer refuses it: strawberry answers
    with pytest.raises(Fallback):
        build([None, "AGENCY"], RUN)
    # a hop's item: its sort key and id first, skipped (a null among them is no missing property)
    item = _object_builder(
        None, [("a", None), ("b", None)], {0: ("id", id_ser), 1: ("kind", kind_ser)}, ("id", "kind"), 2
    )  # type: ignore[list-item]
    assert item([None, "u1", "u1", "AGENCY"], RUN) == {"a": "u1", "b": "AGENCY"}
    with pytest.raises(Fallback):
        item(["k", "u1", "u1", None], RUN)


def test_a_networks_nodes_bring_only_the_values_shown() -> None:
    bare = plan('{ network(centerId: "c") { nodes { id label } edges { type } } }').request({}, RUN).text
    assert ".kind" not in bare and "coalesce(" not in bare
    named = plan('{ network(centerId: "c") { ...N } } fragment N on Network { nodes { name } }')
    text = named.request({}, RUN).text
    assert "coalesce(" in text and ".kind" not in text
