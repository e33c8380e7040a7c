"""The generator: deterministic, the article's figures at 1x, the same ratios at any scale."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from orggraph.seeding import catalog, tianchang
from orggraph.seeding.files import read_folder
from orggraph.seeding.generate import build, spread, synthetic_plan
from orggraph.seeding.validate import validate

ROOT = Path(__file__).resolve().parents[3]


def test_spread_splits_exactly() -> None:
    assert spread(167, 23) == [8] * 6 + [7] * 17
    assert sum(spread(4841, 167)) == 4841


def test_the_committed_demo_yaml_is_what_the_generator_makes() -> None:
    """seeds/tianchang is generated, never hand-edited: regenerate it with orggraph.seeding.tianchang."""
    assert read_folder(ROOT / "seeds" / "tianchang") == tianchang.bundle()


def test_the_same_seed_gives_the_same_graph() -> None:
    assert build(synthetic_plan(50), seed=3) == build(synthetic_plan(50), seed=3)
    assert build(synthetic_plan(50), seed=3) != build(synthetic_plan(50), seed=4)
    assert tianchang.bundle() == tianchang.bundle()


def test_one_plan_can_be_built_twice() -> None:
    """build() leaves the plan as it was (its named compounds included)."""
    plan = tianchang.plan()
    assert build(plan, seed=5) == build(plan, seed=5)
    assert plan == tianchang.plan()


def test_every_resource_comes_from_a_template_its_kind_of_unit_offers() -> None:
    b = build(synthetic_plan(46), seed=2)
    units = {u.id: u for u in b.units}
    templates = catalog.load().resources
    for r in b.resources:
        unit = units[r.unit_id]
        (template,) = [t for t in templates if r.title in {v.title.format(u=unit.name) for v in t.texts()}]
        assert unit.kind in template.offered_by, (r.title, unit.kind)
        assert template.capacity[0] <= r.capacity <= template.capacity[1]
        assert catalog.pick(template.texts(), r.id).title.format(u=unit.name) == r.title


def test_a_record_shows_the_text_its_id_picks_and_the_demo_uses_many() -> None:
    """The text is fixed by the record's id (not drawn), and the demo's needs and resources vary."""
    b = tianchang.bundle()
    cat = catalog.load()
    need = next(n for n in b.needs if n.id == "need-000003")
    (template,) = [t for t in cat.needs if t.domain is need.domain and t.unit == need.quantity_unit]
    picked = catalog.pick(template.texts(), need.id)
    assert picked == catalog.pick(template.texts(), need.id)
    assert picked.description.format(c="浔河社区", p="春晖新村") == need.description
    assert len({n.title for n in b.needs}) >= 140 and len({r.description for r in b.resources}) >= 100
    assert len({catalog.pick(cat.needs[0].texts(), f"need-{i:06d}") for i in range(1, 200)}) == len(
        cat.needs[0].texts()
    )


def test_a_synthetic_graph_at_10x_keeps_the_ratios_and_validates() -> None:
    b = build(synthetic_plan(230), seed=1)
    assert validate(b) == []
    assert len(b.communities) == 230
    assert len(b.grids) == 1670
    assert sum(g.grid_workers for g in b.grids) == 48410
    assert sum(1 for c in b.compounds if c.has_party_branch) == 500
    assert len(b.red_property.party_organizations) == 850
    assert sum(1 for c in b.compounds if c.kind.value == "NO_PROPERTY") == 890
    assert len(b.meetings) == 980 and sum(m.problems_solved for m in b.meetings) == 2230
    assert len(b.needs) >= 1500 and len(b.resources) >= 2000
    assert {x.source for x in b.communities} == {"synthetic"}


def test_the_demo_spreads_needs_and_resources_over_the_taxonomy() -> None:
    b = tianchang.bundle()
    assert len(b.needs) >= 150 and len(b.resources) >= 200
    assert len(Counter(n.domain for n in b.needs)) == 14
    assert len(Counter(r.support_type for r in b.resources)) == 8


def test_only_the_article_names_are_marked_article() -> None:
    b = tianchang.bundle()
    named = {c.name for c in b.communities if c.source == "article"}
    named |= {c.name for c in b.compounds if c.source == "article"}
    assert named == {"曙光社区", "河畔家园"}
    assert {p.source for c in b.communities for p in [c.committee.secretary]} == {"illustrative"}
    assert {x.source for x in b.leaders} == {"illustrative"}
