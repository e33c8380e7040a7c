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


def test_the_demo_city_is_a_county_level_city_of_chuzhou_in_anhui(api: Api) -> None:
    city = ok(
        api.gql(
            "{ city { prefecture kind kindLabel province { id name source cities { id } } } }", as_token=None
        )
    )
    assert city["city"] == {
        "prefecture": "滁州市", "kind": "COUNTY_CITY", "kindLabel": "县级市",
        "province": {"id": "province-anhui", "name": "安徽省", "source": "article", "cities": [{"id": "city-tianchang"}]},
    }  # fmt: skip
    listed = ok(api.gql("{ cities { id name } province { name } }", as_token=None))
    assert listed == {"cities": [{"id": "city-tianchang", "name": "天长市"}], "province": {"name": "安徽省"}}
    assert ok(api.gql('{ city(id: "city-tianchang") { name } }', as_token=None))["city"] == {"name": "天长市"}
    assert ok(api.gql('{ city(id: "city-nowhere") { name } }', as_token=None))["city"] is None


STATS = """query ($city: ID) { cityStats(cityId: $city) { streets communities grids gridWorkers compounds
  compoundPartyOrganizations communityCommittees streetWorkingCommittees memberUnits contactPoints resources
  jointMeetings problemsSolved membersBySeat { key count } unitsByKind { key count } needsByStatus { key count } } }"""


def test_one_citys_figures_are_read_from_the_city_and_the_demo_city_holds_the_whole_graph(api: Api) -> None:
    whole = ok(api.gql(STATS, {"city": None}))["cityStats"]
    assert whole["communities"] == 23 and whole["problemsSolved"] == 223
    assert ok(api.gql(STATS, {"city": "city-tianchang"}))["cityStats"] == whole
    (error,) = api.gql(STATS, {"city": "city-nowhere"})["errors"]
    assert error["extensions"]["code"] == "NOT_FOUND" and error["extensions"]["field"] == "cityId"
