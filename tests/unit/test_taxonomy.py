"""seeds/taxonomy.yaml, the domain enums and the GraphQL enums say the same thing."""

from __future__ import annotations

from pathlib import Path

import yaml

from orggraph.api.schema import build_schema
from orggraph.domain import taxonomy as t

ROOT = Path(__file__).resolve().parents[2]


def test_the_seed_taxonomy_matches_the_domain() -> None:
    data = yaml.safe_load((ROOT / "seeds" / "taxonomy.yaml").read_text(encoding="utf-8"))
    assert {x["code"]: x["label"] for x in data["supportTypes"]} == {
        k.value: v for k, v in t.SUPPORT_TYPE_LABELS.items()
    }
    assert {x["code"]: x["label"] for x in data["domains"]} == {
        k.value: v for k, v in t.DOMAIN_LABELS.items()
    }
    assert {x["code"]: x["label"] for x in data["populations"]} == {
        k.value: v for k, v in t.POPULATION_LABELS.items()
    }
    assert len(data["supportTypes"]) == 8 and len(data["domains"]) == 14 and len(data["populations"]) == 8


def test_every_graphql_taxonomy_value_carries_its_chinese_label() -> None:
    schema = build_schema()._schema
    for name, labels in (("SupportType", t.SUPPORT_TYPE_LABELS), ("Domain", t.DOMAIN_LABELS),
                         ("Population", t.POPULATION_LABELS)):  # fmt: skip
        values = schema.type_map[name].values  # type: ignore[attr-defined]
        assert {k: v.description for k, v in values.items()} == {k.value: v for k, v in labels.items()}
