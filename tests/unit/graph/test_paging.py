"""Keyset pages: opaque cursors, capped sizes, and one query per combination of filters."""

from __future__ import annotations

import pytest

from orggraph.domain.errors import BadInput
from orggraph.graph.paging import MAX_PAGE, decode_cursor, encode_cursor, page_size, page_variants


def test_a_cursor_carries_its_sort_key_and_id_back_unchanged() -> None:
    assert decode_cursor(encode_cursor("曙光社区", "comm-shuguang")) == ("曙光社区", "comm-shuguang")


@pytest.mark.parametrize("cursor", ["not base64 !", "WzEsMl0", "eyJhIjoxfQ"])  # junk, [1,2], {"a":1}
def test_a_cursor_this_service_did_not_make_is_refused_naming_the_argument(cursor: str) -> None:
    with pytest.raises(BadInput) as caught:
        decode_cursor(cursor)
    assert caught.value.field == "after"


def test_page_size_defaults_and_caps() -> None:
    assert page_size(None) == 20 and page_size(0) == 0 and page_size(MAX_PAGE) == MAX_PAGE
    for bad in (-1, MAX_PAGE + 1):
        with pytest.raises(BadInput):
            page_size(bad)


def test_every_combination_of_filters_has_a_query_holding_only_its_own_fragments() -> None:
    queries = page_variants(
        {"kind": "n.kind = $kind", "search": "n.name CONTAINS $search"},
        match="MATCH (n:Unit)",
        order="WITH n ORDER BY n.name LIMIT $limit RETURN collect(n) AS nodes",
        after="n.name > $afterKey",
    )
    assert set(queries) == {
        frozenset(),
        frozenset({"kind"}),
        frozenset({"search"}),
        frozenset({"kind", "search"}),
    }
    assert "$kind" in queries[frozenset({"kind"})] and "$search" not in queries[frozenset({"kind"})]
    assert "$kind" not in queries[frozenset()]
