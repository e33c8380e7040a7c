"""The numpy shortlist is a second implementation of the hard filters and the scores: on random facts it
must agree with rank.ranked, the canonical scorer, on who passes, who ranks best and in what order."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from orggraph.domain.model import ServiceArea
from orggraph.matching import vector
from orggraph.matching.components import LOCALITY_VALUES
from orggraph.matching.facts import CandidateFacts, CloseUnits
from orggraph.matching.filters import areas_served, first_failure
from orggraph.matching.rank import ranked
from orggraph.matching.shortlist import Shortlisting
from orggraph.matching.text import CorpusStats, relevance
from orggraph.vocabulary import load_vocabulary
from tests.unit.matching.random_facts import TODAY, Case, random_case, some_resource

SEEDS = range(300)
VOCABULARY = load_vocabulary()


def canonical(case: Case, limit: int | None = None) -> list[tuple[float, CandidateFacts]]:
    """The reference: every candidate of the case ranked by orggraph.matching.rank."""
    return ranked(
        case.need,
        case.candidates(),
        weights=case.weights,
        today=TODAY,
        prior=case.prior,
        vocabulary=VOCABULARY,
        limit=limit,
    )


def shortlisted(seed: int, k: int) -> list[tuple[float, str]]:
    """The case's k best by numpy, then ranked canonically (no margin: the shortlist must be exact)."""
    case = random_case(seed)
    table = vector.resources_table(case.resources, case.prior, case.stats)
    row = vector.need_row(case.need, case.close, table)
    found = vector.best_candidates(row, table, weights=case.weights, today=TODAY, vocabulary=VOCABULARY, k=k)
    best = ranked(
        case.need, found, weights=case.weights, today=TODAY, prior=case.prior, vocabulary=VOCABULARY, limit=k
    )
    return [(sc, c.resource_id) for sc, c in best]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("limit", [1, 3, 10])
def test_the_shortlists_best_are_exactly_the_canonical_rankings_best(seed: int, limit: int) -> None:
    case = random_case(seed)
    expected = canonical(case, limit)
    assert shortlisted(seed, limit) == [(sc, c.resource_id) for sc, c in expected]


@pytest.mark.parametrize("seed", SEEDS)
def test_the_shortlist_of_every_resource_is_exactly_the_candidates_that_pass_the_hard_filters(
    seed: int,
) -> None:
    case = random_case(seed)
    passing = {c.resource_id: c for c in case.candidates() if first_failure(case.need, c, TODAY) is None}
    table = vector.resources_table(case.resources, case.prior, case.stats)
    row = vector.need_row(case.need, case.close, table)
    found = vector.best_candidates(
        row, table, weights=case.weights, today=TODAY, vocabulary=VOCABULARY, k=len(case.resources)
    )
    assert [c.resource_id for c in found] == sorted(passing)
    # each candidate carries the closeness and text score the reference gives it
    assert all(c == passing[c.resource_id] for c in found)


@pytest.mark.parametrize("seed", SEEDS)
def test_every_quick_score_is_the_canonical_score(seed: int) -> None:
    case = random_case(seed)
    table = vector.resources_table(case.resources, case.prior, case.stats)
    row = vector.need_row(case.need, case.close, table)
    quick = vector.quick_scores(row, table, weights=case.weights, today=TODAY, vocabulary=VOCABULARY)
    expected = canonical(case)
    by_id = {c.resource_id: sc for sc, c in expected}
    assert {
        str(table.ids[i]): float(sc) for i, sc in zip(quick.passing, quick.score, strict=True)
    } == pytest.approx(by_id, abs=1e-6)


@pytest.mark.parametrize("seed", range(100))
def test_a_need_s_options_are_its_canonical_top_candidates(seed: int) -> None:
    case = random_case(seed)
    shortlisting = Shortlisting.of(
        case.resources,
        weights=case.weights,
        today=TODAY,
        prior=case.prior,
        stats=case.stats,
        vocabulary=VOCABULARY,
    )
    options = shortlisting.options(case.need, case.close, 5)
    expected = canonical(case, 5)
    assert options.options == expected
    assert [shortlisting.explain(options, c).score for _, c in options.options] == [sc for sc, _ in expected]


def test_the_text_index_gives_every_resource_its_relevance_in_resource_id_order() -> None:
    stats = CorpusStats(documents=10, length=60, df={"电梯": 2, "加装": 3, "老人": 8})
    docs = {"res-b": ("老人",), "res-c": ("电梯", "加装", "电梯"), "res-a": ()}
    resources = [replace(some_resource(r), terms=words, length=6) for r, words in docs.items()]
    table = vector.resources_table(resources, prior=0.8, stats=stats)
    assert list(table.ids) == ["res-a", "res-b", "res-c"]
    query = ("加装", "电梯", "春晖新村")
    expected = [relevance(query, docs[r], 6, stats) for r in ("res-a", "res-b", "res-c")]
    assert table.text.scores(query).tolist() == pytest.approx(expected)
    assert expected[0] == 0.0 and expected[1] == 0.0 and 0.9 < expected[2] <= 1.0
    assert vector.resources_table([], prior=0.8, stats=stats).text.scores(query).size == 0


def test_no_resource_gives_an_empty_shortlist() -> None:
    case = random_case(0)
    table = vector.resources_table([], case.prior, case.stats)
    row = vector.need_row(case.need, CloseUnits(), table)
    assert (
        vector.best_candidates(row, table, weights=case.weights, today=TODAY, vocabulary=VOCABULARY, k=5)
        == []
    )


def test_the_lookup_tables_are_the_locality_and_service_area_rules() -> None:
    for code, closeness in enumerate(vector.CLOSENESS_BY_CODE):
        assert vector.LOCALITY_BY_CODE[code] == LOCALITY_VALUES[closeness.locality]
        served = {a for a in ServiceArea if vector.SERVED_BY_CODE[code, vector.AREA_INDEX[a]]}
        assert served == areas_served(closeness.member_here, closeness.member_in_street, closeness.other_city)
    assert np.unique(vector.LOCALITY_BY_CODE).size == 6
