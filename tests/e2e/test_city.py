"""The `city` query: the city's profile as the article states it, and its streets, read from the graph."""

from __future__ import annotations

import pytest

from tests.conftest import Api
from tests.e2e.test_libraries_and_lists import ok

pytestmark = pytest.mark.usefixtures("demo")

CITY = """{ city { id name source areaKm2 population urbanPopulation urbanizationRate towns streetsCount
  highTechZones villagesAndCommunities urbanCommunities streets { id name communities { id } } } }"""


def test_the_city_profile_is_the_articles(api: Api) -> None:
    city = ok(api.gql(CITY, as_token=None))["city"]
    streets = city.pop("streets")
    assert city == {
        "id": "city-tianchang", "name": "天长市", "source": "article", "areaKm2": 1770.0, "population": 630000,
        "urbanPopulation": 200000, "urbanizationRate": 72.75, "towns": 14, "streetsCount": 2, "highTechZones": 1,
        "villagesAndCommunities": 174, "urbanCommunities": 23,
    }  # fmt: skip
    # the streets the article counts are the streets in the graph, with its 23 urban communities
    assert [s["name"] for s in streets] == ["千秋街道", "广陵街道"]
    assert len(streets) == city["streetsCount"]
    assert sum(len(s["communities"]) for s in streets) == city["urbanCommunities"]
