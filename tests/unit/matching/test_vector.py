"""The numpy shortlist is a second implementation of the hard filters and the scores: on random facts it
must agree with rank.ranked, the canonical scorer, on who passes, who ranks best and in what order."""

from __future__ import annotations

import numpy as np
import pytest

from orggraph.domain.model import ServiceArea
from orggraph.matching import vector
from orggraph.matching.components import LOCALITY_VALUES
from orggraph.matching.facts import CloseUnits, TextHits
from orggraph.matching.filters import areas_served, first_failure
from orggraph.matching.rank import ranked
from orggraph.matching.shortlist import Shortlisting
from tests.unit.matching.random_facts import TODAY, random_case, some_resource

SEEDS = range(300)


def shortlisted(seed: int, k: int) -> tuple[list[tuple[float, str]], float]:
    """The case's k best by numpy, then ranked canonically (no margin: the shortlist must be exact)."""
    case = random_case(seed)
    table = vector.resources_table(case.resources, case.prior)
    row = vector.need_row(case.need, case.close, table, case.hits)
    found, best_text = vector.best_candidates(row, table, weights=case.weights, today=TODAY, k=k)
    best, _ = ranked(
        case.need, found, weights=case.weights, today=TODAY, prior=case.prior, limit=k, best_text=best_text
    )
    return [(sc, c.resource_id) for sc, c in best], best_text


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("limit", [1, 3, 10])
def test_the_shortlists_best_are_exactly_the_canonical_rankings_best(seed: int, limit: int) -> None:
    case = random_case(seed)
    expected, expected_text = ranked(
        case.need, case.candidates(), weights=case.weights, today=TODAY, prior=case.prior, limit=limit
    )
    best, best_text = shortlisted(seed, limit)
    assert best == [(sc, c.resource_id) for sc, c in expected]
    assert best_text == expected_text


@pytest.mark.parametrize("seed", SEEDS)
def test_the_shortlist_of_every_resource_is_exactly_the_candidates_that_pass_the_hard_filters(
    seed: int,
) -> None:
    case = random_case(seed)
    passing = {c.resource_id: c for c in case.candidates() if first_failure(case.need, c, TODAY) is None}
    table = vector.resources_table(case.resources, case.prior)
    row = vector.need_row(case.need, case.close, table, case.hits)
    found, _ = vector.best_candidates(row, table, weights=case.weights, today=TODAY, k=len(case.resources))
    assert [c.resource_id for c in found] == sorted(passing)
    # each candidate carries the closeness and text score the reference gives it
    assert all(c == passing[c.resource_id] for c in found)


@pytest.mark.parametrize("seed", SEEDS)
def test_every_quick_score_is_the_canonical_score(seed: int) -> None:
    case = random_case(seed)
    table = vector.resources_table(case.resources, case.prior)
    row = vector.need_row(case.need, case.close, table, case.hits)
    quick = vector.quick_scores(row, table, weights=case.weights, today=TODAY)
    expected, best_text = ranked(
        case.need, case.candidates(), weights=case.weights, today=TODAY, prior=case.prior
    )
    by_id = {c.resource_id: sc for sc, c in expected}
    assert quick.best_text == best_text
    assert {
        str(table.ids[i]): float(sc) for i, sc in zip(quick.passing, quick.score, strict=True)
    } == pytest.approx(by_id, abs=1e-6)


@pytest.mark.parametrize("seed", range(100))
def test_a_need_s_options_are_its_canonical_top_candidates(seed: int) -> None:
    case = random_case(seed)
    shortlisting = Shortlisting.of(case.resources, weights=case.weights, today=TODAY, prior=case.prior)
    options = shortlisting.options(case.need, case.close, case.hits, 5)
    expected, best_text = ranked(
        case.need, case.candidates(), weights=case.weights, today=TODAY, prior=case.prior, limit=5
    )
    assert options.options == expected and options.best_text == best_text
    assert [shortlisting.explain(options, c).score for _, c in options.options] == [sc for sc, _ in expected]


def test_text_hits_are_aligned_by_resource_id_and_unknown_ids_are_dropped() -> None:
    table = vector.resources_table([some_resource(r) for r in ("res-b", "res-c", "res-a")], prior=0.8)
    text = vector.text_scores(table, TextHits(("res-c", "res-x", "res-a"), (2.0, 9.0, 0.5)))
    assert list(table.ids) == ["res-a", "res-b", "res-c"]
    assert text.tolist() == [0.5, 0.0, 2.0]
    assert vector.text_scores(table, TextHits()).tolist() == [0.0, 0.0, 0.0]
    empty = vector.resources_table([], prior=0.8)
    assert vector.text_scores(empty, TextHits(("res-a",), (1.0,))).size == 0


def test_no_resource_gives_an_empty_shortlist() -> None:
    case = random_case(0)
    table = vector.resources_table([], case.prior)
    row = vector.need_row(case.need, CloseUnits(), table, TextHits())
    assert vector.best_candidates(row, table, weights=case.weights, today=TODAY, k=5) == ([], 0.0)


def test_the_lookup_tables_are_the_locality_and_service_area_rules() -> None:
    for code, closeness in enumerate(vector.CLOSENESS_BY_CODE):
        assert vector.LOCALITY_BY_CODE[code] == LOCALITY_VALUES[closeness.locality]
        served = {a for a in ServiceArea if vector.SERVED_BY_CODE[code, vector.AREA_INDEX[a]]}
        assert served == areas_served(closeness.member_here, closeness.member_in_street)
    assert np.unique(vector.LOCALITY_BY_CODE).size == 5
