"""seeds/catalog.yaml: the generator's texts and templates, validated by orggraph.seeding.catalog."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from orggraph.domain.model import UnitKind
from orggraph.seeding import catalog
from orggraph.seeding.catalog import Catalog, read_catalog

ROOT = Path(__file__).resolve().parents[3]
CATALOG = ROOT / "seeds" / "catalog.yaml"


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    data = yaml.safe_load(CATALOG.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def changed(raw: dict[str, Any], part: str, index: int, **fields: object) -> dict[str, Any]:
    data = copy.deepcopy(raw)
    data[part][index].update(fields)
    return data


def refusal(data: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as info:
        Catalog.model_validate(data)
    return str(info.value)


def test_the_catalog_yaml_validates() -> None:
    cat = read_catalog(CATALOG)
    assert len(cat.needs) == 32 and len(cat.resources) == 28
    assert cat.needs[0].title == "{p}独居老人定期探访"
    assert cat.resources[0].title == "{u}党员志愿服务队"


def test_the_catalog_is_read_once_from_the_checkout() -> None:
    assert catalog.catalog_path() == CATALOG
    assert catalog.load() is catalog.load()
    assert catalog.load() == read_catalog(CATALOG)


def test_every_resource_template_names_who_offers_it(raw: dict[str, Any]) -> None:
    for entry in raw["resources"]:
        offered_by = entry["offeredBy"]
        assert offered_by == "any" or (isinstance(offered_by, list) and offered_by), entry["title"]


def test_a_template_without_offered_by_is_refused(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    del data["resources"][4]["offeredBy"]
    message = refusal(data)
    assert "resources.4.offeredBy" in message and "Field required" in message


def test_offered_by_any_means_every_kind_of_unit(raw: dict[str, Any]) -> None:
    cat = read_catalog(CATALOG)
    for entry, template in zip(raw["resources"], cat.resources, strict=True):
        if entry["offeredBy"] == "any":
            assert template.offered_by == frozenset(UnitKind)
        else:
            assert template.offered_by == {UnitKind(k) for k in entry["offeredBy"]}


def test_a_template_offered_by_an_unknown_unit_kind_is_refused(raw: dict[str, Any]) -> None:
    data = changed(raw, "resources", 4, offeredBy=["AGENCY", "UNIVERSITY"])
    message = refusal(data)
    assert "resources.4.offeredBy" in message
    assert "{u}停车场夜间错时共享" in message and "'UNIVERSITY'" in message


def test_an_empty_offered_by_is_refused(raw: dict[str, Any]) -> None:
    message = refusal(changed(raw, "resources", 4, offeredBy=[]))
    assert "{u}停车场夜间错时共享" in message and "non-empty list" in message


@pytest.mark.parametrize(("part", "field"), [("needs", "quantity"), ("resources", "capacity")])
def test_an_inverted_range_is_refused(raw: dict[str, Any], part: str, field: str) -> None:
    message = refusal(changed(raw, part, 2, **{field: [9, 3]}))
    assert f"{part}.2" in message and raw[part][2]["title"] in message
    assert f"{field} [9, 3] is inverted" in message


def test_a_range_from_zero_is_refused(raw: dict[str, Any]) -> None:
    assert "must start at 1" in refusal(changed(raw, "needs", 0, quantity=[0, 3]))


def test_a_range_is_two_numbers(raw: dict[str, Any]) -> None:
    assert "needs.0.quantity" in refusal(changed(raw, "needs", 0, quantity=[1, 2, 3]))


def test_an_unknown_domain_or_support_type_is_refused(raw: dict[str, Any]) -> None:
    assert "needs.1.domain" in refusal(changed(raw, "needs", 1, domain="SPORTS"))
    assert "resources.1.supportType" in refusal(changed(raw, "resources", 1, supportType="MONEY"))
    assert "resources.1.populations.0" in refusal(changed(raw, "resources", 1, populations=["PETS"]))


def test_an_unknown_field_is_refused(raw: dict[str, Any]) -> None:
    message = refusal(changed(raw, "needs", 0, urgency="HIGH"))
    assert "needs.0.urgency" in message and "Extra inputs are not permitted" in message


def test_a_placeholder_the_generator_does_not_fill_is_refused(raw: dict[str, Any]) -> None:
    message = refusal(changed(raw, "resources", 0, description="{c}的{u}志愿服务"))
    assert "{u}党员志愿服务队" in message and "uses {c}" in message


def test_a_kind_of_unit_generated_must_be_able_to_offer_a_resource(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    for entry in data["resources"]:
        if entry["offeredBy"] == "any" or "SOCIAL_ORG" in entry["offeredBy"]:
            entry["offeredBy"] = ["AGENCY"]
    assert "no resource template is offered by SOCIAL_ORG" in refusal(data)


def test_a_title_used_twice_is_refused(raw: dict[str, Any]) -> None:
    message = refusal(changed(raw, "resources", 1, title=raw["resources"][0]["title"]))
    assert "titles used twice: {u}党员志愿服务队" in message


def test_the_templates_are_frozen() -> None:
    template = catalog.load().resources[0]
    with pytest.raises(ValidationError):
        template.capacity = (1, 1)  # type: ignore[misc]


def test_resources_for_keeps_the_catalog_order_and_the_offering_kinds() -> None:
    cat = catalog.load()
    for kind in UnitKind:
        offered = cat.resources_for(kind)
        assert list(offered) == [t for t in cat.resources if kind in t.offered_by]
    assert [t.title for t in cat.resources_for(UnitKind.AGENCY)][:3] == [
        "{u}党员志愿服务队",
        "{u}党员突击队",
        "{u}“蒲公英”志愿服务",
    ]
    assert "{u}消防安全检查与执法" not in {t.title for t in cat.resources_for(UnitKind.PRIVATE_ENTERPRISE)}


def test_every_template_has_three_to_six_variants_with_its_placeholders() -> None:
    cat = read_catalog(CATALOG)
    for template in cat.needs + cat.resources:
        assert 3 <= len(template.variants) <= 6, template.title
        assert template.texts()[0] == catalog.Variant(title=template.title, description=template.description)
    for template in cat.resources:
        for text in template.texts():
            assert "{u}" in text.title, text.title
    assert all("共建资金" not in t.title + t.description for r in cat.resources for t in r.texts())


def test_a_variant_with_a_placeholder_the_generator_does_not_fill_is_refused(raw: dict[str, Any]) -> None:
    variants = copy.deepcopy(raw["needs"][0]["variants"])
    variants[1]["description"] = "{u}来{p}探访"
    message = refusal(changed(raw, "needs", 0, variants=variants))
    assert "{p}独居老人定期探访" in message and "uses {u}" in message


def test_an_empty_variant_text_is_refused(raw: dict[str, Any]) -> None:
    variants = copy.deepcopy(raw["resources"][0]["variants"])
    variants[0]["title"] = ""
    assert "resources.0.variants.0.title" in refusal(changed(raw, "resources", 0, variants=variants))
    variants[0] = {"title": "{u}志愿服务"}
    assert "resources.0.variants.0.description" in refusal(changed(raw, "resources", 0, variants=variants))


def test_more_than_six_variants_are_refused(raw: dict[str, Any]) -> None:
    variants = [{"title": f"{{u}}志愿服务{i}", "description": "可上门探访"} for i in range(7)]
    assert "resources.0.variants" in refusal(changed(raw, "resources", 0, variants=variants))


def test_a_variant_title_twice_or_another_templates_title_is_refused(raw: dict[str, Any]) -> None:
    variants = copy.deepcopy(raw["resources"][0]["variants"])
    variants[1]["title"] = variants[0]["title"]
    assert "variant titles used twice" in refusal(changed(raw, "resources", 0, variants=variants))
    variants[1]["title"] = raw["resources"][1]["title"]
    message = refusal(changed(raw, "resources", 0, variants=variants))
    assert "variant titles used by two templates: {u}党员突击队" in message


def test_pick_is_fixed_by_the_id_and_reaches_every_text() -> None:
    texts = catalog.load().needs[0].texts()
    assert catalog.pick(texts, "need-000001") == catalog.pick(texts, "need-000001")
    assert {catalog.pick(texts, f"need-{i:06d}") for i in range(1, 100)} == set(texts)
