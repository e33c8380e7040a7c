"""seeds/concepts.yaml and seeds/lexicon.yaml load (orggraph.vocabulary), hold together (orggraph.domain.concepts),
and survive the word segmenter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import rjieba
import yaml

from orggraph.domain.concepts import MAX_DEPTH, Concept, Vocabulary, concept_of, lexicon_of, vocabulary_of
from orggraph.domain.taxonomy import Domain, SupportType
from orggraph.vocabulary import concepts_path, load_lexicon, load_vocabulary

ROOT = Path(__file__).resolve().parents[3]
TOO_GENERIC = ("服务", "社区", "活动", "居民", "老人", "安全", "培训", "小区", "党员", "志愿者", "老年人")


def concept(id: str, name: str, *synonyms: str, broader: str | None = None) -> Concept:
    return Concept(id=id, name=name, synonyms=synonyms, broader=broader)


def entry(id: str, name: str, synonyms: list[str], broader: str | None = None) -> dict[str, Any]:
    return {
        "id": id,
        "name": name,
        "synonyms": synonyms,
        "broader": broader,
        "domains": ["ELDER"],
        "supportTypes": ["VOLUNTEER"],
    }


# --- the shipped vocabulary --------------------------------------------------------------------------


def test_the_shipped_vocabulary_loads_from_the_repository_seeds() -> None:
    assert concepts_path() == ROOT / "seeds" / "concepts.yaml"
    vocabulary = load_vocabulary()
    assert vocabulary is load_vocabulary()  # read once
    assert len(vocabulary) == len(vocabulary.by_id)


def test_it_has_at_least_150_specific_concepts_grouped_under_about_twenty_broad_ones() -> None:
    vocabulary = load_vocabulary()
    broad = [c for c in vocabulary.concepts if c.broader is None]
    specific = [c for c in vocabulary.concepts if c.broader is not None]
    assert len(specific) >= 150
    assert 15 <= len(broad) <= 25
    assert all(vocabulary.narrower(c.id) for c in broad), "every broad concept groups something"


def test_every_broader_concept_exists_and_no_chain_is_deeper_than_three() -> None:
    vocabulary = load_vocabulary()
    for c in vocabulary.concepts:
        if c.broader is not None:
            assert c.broader in vocabulary.by_id
        assert len(vocabulary.ancestors(c.id)) < MAX_DEPTH


def test_every_specific_concept_is_written_three_to_twenty_other_ways() -> None:
    for c in load_vocabulary().concepts:
        if c.broader is not None:
            assert 3 <= len(c.synonyms) <= 20, c.id


def test_every_concept_names_its_typical_domains_and_support_types() -> None:
    for c in load_vocabulary().concepts:
        assert c.domains and c.support_types, c.id
        assert all(isinstance(d, Domain) for d in c.domains)
        assert all(isinstance(s, SupportType) for s in c.support_types)


def test_no_phrase_is_a_generic_word_that_would_match_unrelated_texts() -> None:
    phrases = {p for c in load_vocabulary().concepts for p in c.phrases}
    assert not phrases & set(TOO_GENERIC)


def test_the_words_people_use_for_one_thing_lead_to_one_concept() -> None:
    vocabulary = load_vocabulary()
    owner = {p: c.id for c in vocabulary.concepts for p in c.phrases}
    assert {owner[w] for w in ("反诈", "电诈", "防骗", "电信网络诈骗")} == {"anti-fraud"}
    assert {owner[w] for w in ("电瓶车", "电动车", "电动自行车", "飞线充电")} == {"ebike-charging"}
    assert {owner[w] for w in ("四点半课堂", "放学后托管", "课后托管")} == {"after-school-class"}
    assert {owner[w] for w in ("加装电梯", "加梯", "既有住宅加装电梯")} == {"elevator-retrofit"}
    assert vocabulary.ancestors("ebike-charging") == ("fire-safety", "public-safety")
    assert "elevator-retrofit" in vocabulary.narrower("housing-renewal")


def test_every_template_of_the_generator_catalog_is_about_some_concept() -> None:
    catalog = yaml.safe_load((ROOT / "seeds" / "catalog.yaml").read_text(encoding="utf-8"))
    phrases = [p for c in load_vocabulary().concepts for p in c.phrases]
    for template in catalog["needs"] + catalog["resources"]:
        text = template["title"] + template["description"]
        assert any(p in text for p in phrases), template["title"]


# --- validation ---------------------------------------------------------------------------------------


def test_a_concept_id_used_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="concept gas-safety: the id is used twice"):
        Vocabulary(
            [concept("gas-safety", "燃气安全", "燃气泄漏"), concept("gas-safety", "煤气安全", "液化气")]
        )


def test_a_phrase_of_two_concepts_is_refused_naming_both() -> None:
    with pytest.raises(
        ValueError, match="concept fire-drills: phrase '消防' is also a phrase of concept fire"
    ):
        Vocabulary([concept("fire", "消防安全", "消防"), concept("fire-drills", "消防演练", "消防")])


def test_a_name_repeated_among_its_own_synonyms_is_refused() -> None:
    with pytest.raises(ValueError, match="concept aed: phrase 'AED' is twice in the concept"):
        Vocabulary([concept("aed", "AED", "除颤仪", "AED")])


def test_a_missing_broader_concept_is_refused() -> None:
    with pytest.raises(ValueError, match="concept gas-safety: broader concept 'safety' does not exist"):
        Vocabulary([concept("gas-safety", "燃气安全", "燃气泄漏", broader="safety")])


def test_a_cycle_of_broader_concepts_is_refused() -> None:
    with pytest.raises(ValueError, match=r"concept a: its broader concepts form a cycle \(a -> b -> a\)"):
        Vocabulary([concept("a", "甲类", broader="b"), concept("b", "乙类", broader="a")])


def test_a_chain_deeper_than_three_levels_is_refused() -> None:
    chain = [
        concept("a", "一级"),
        concept("b", "二级", broader="a"),
        concept("c", "三级", broader="b"),
        concept("d", "四级", broader="c"),
    ]
    with pytest.raises(ValueError, match="concept d: 4 levels deep"):
        Vocabulary(chain)


def test_a_one_character_synonym_is_refused() -> None:
    with pytest.raises(ValueError, match="concept haircuts: phrase '剪' is shorter than 2 characters"):
        Vocabulary([concept("haircuts", "义务理发", "义剪", "剪")])


def test_an_id_that_is_not_a_slug_or_an_unknown_code_is_refused() -> None:
    with pytest.raises(ValueError, match="concept 'Gas Safety': id must be lower-case"):
        concept("Gas Safety", "燃气安全")
    with pytest.raises(ValueError, match="concept gas: domains: 'GAS' is not one of ELDER, CHILD"):
        concept_of(entry("gas", "燃气安全", ["燃气泄漏"]) | {"domains": ["GAS"]})
    with pytest.raises(ValueError, match="concept gas: supportTypes: 'MONEY' is not one of"):
        concept_of(entry("gas", "燃气安全", ["燃气泄漏"]) | {"supportTypes": ["MONEY"]})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"colour": "红"}, "concept gas: unknown field 'colour'"),
        ({"name": ""}, "concept gas: name must be a non-empty string"),
        ({"name": 3}, "concept gas: name must be a non-empty string"),
        ({"synonyms": "燃气泄漏"}, "concept gas: synonyms must be a list of strings"),
        ({"synonyms": ["燃气泄漏", 7]}, "concept gas: synonyms must be a list of strings"),
        ({"broader": ["safety"]}, "concept gas: broader must be a concept id or null"),
        ({"domains": "ELDER"}, "concept gas: domains must be a list of codes"),
        ({"id": 12}, "concept 12: id must be"),
    ],
)
def test_a_concept_entry_names_the_concept_and_the_field_at_fault(
    change: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        concept_of(entry("gas", "燃气安全", ["燃气泄漏"]) | change)


def test_an_entry_without_an_id_or_a_name_is_refused_naming_its_place() -> None:
    with pytest.raises(ValueError, match="concept #2: id missing"):
        vocabulary_of({"concepts": [entry("gas", "燃气安全", []), {"name": "消防安全"}]})
    with pytest.raises(ValueError, match="concept fire: name missing"):
        vocabulary_of({"concepts": [{"id": "fire"}]})
    with pytest.raises(ValueError, match="concept #1: expected a mapping"):
        vocabulary_of({"concepts": ["燃气安全"]})


def test_an_entry_is_parsed_into_the_enums_and_a_tuple_of_synonyms() -> None:
    gas = concept_of(entry("gas", "燃气安全", ["燃气泄漏", "煤气"]))
    assert gas == Concept(
        id="gas",
        name="燃气安全",
        synonyms=("燃气泄漏", "煤气"),
        domains=frozenset({Domain.ELDER}),
        support_types=frozenset({SupportType.VOLUNTEER}),
    )
    assert Concept(id="gas", name="燃气安全", domains=["ELDER"]).domains == frozenset({Domain.ELDER})  # type: ignore[arg-type]
    with pytest.raises(AttributeError):
        gas.name = "煤气安全"  # type: ignore[misc]


def test_a_lexicon_is_a_list_of_words() -> None:
    assert lexicon_of({"words": ["大党委", "网格员"]}) == ("大党委", "网格员")
    with pytest.raises(
        ValueError, match="the lexicon: expected a mapping with a list of strings under `words`"
    ):
        lexicon_of({"words": ["大党委", 3]})


def test_a_file_is_read_into_a_vocabulary_with_ancestors_and_narrower_concepts(tmp_path: Path) -> None:
    path = tmp_path / "concepts.yaml"
    rows = [
        entry("safety", "平安建设", ["平安社区"]),
        entry("fire", "消防安全", ["消防"], broader="safety"),
        entry("fire-lanes", "消防通道", ["生命通道"], broader="fire"),
        entry("gas", "燃气安全", ["燃气泄漏"], broader="safety"),
    ]
    path.write_text(yaml.safe_dump({"concepts": rows}, allow_unicode=True), encoding="utf-8")
    vocabulary = load_vocabulary(path)
    assert vocabulary.ancestors("fire-lanes") == ("fire", "safety")
    assert vocabulary.ancestors("safety") == ()
    assert vocabulary.narrower("safety") == ("fire", "gas")
    assert vocabulary.by_id["fire"].phrases == ("消防安全", "消防")
    assert vocabulary.by_id["gas"].support_types == frozenset({SupportType.VOLUNTEER})


def test_a_file_without_a_concepts_list_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "concepts.yaml"
    path.write_text("words: [一, 二]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"concepts\.yaml: expected a mapping with a list under `concepts`"):
        load_vocabulary(path)


# --- the lexicon and the segmenter ----------------------------------------------------------------------


def test_the_lexicon_has_at_least_150_distinct_words_that_are_not_concept_phrases() -> None:
    words = load_lexicon()
    assert len(words) >= 150
    assert len(set(words)) == len(words)
    assert all(2 <= len(w) <= 8 and w == w.strip() for w in words)
    phrases = {p for c in load_vocabulary().concepts for p in c.phrases}
    assert not set(words) & phrases


def test_every_concept_phrase_and_lexicon_word_stays_whole_under_the_segmenter() -> None:
    words = [p for c in load_vocabulary().concepts for p in c.phrases] + list(load_lexicon())
    jieba = rjieba.Jieba()
    for word in words:
        jieba.add_word(word, None, None)  # no frequency: jieba suggests one that keeps the word whole
    assert [w for w in words if jieba.cut(w) != [w]] == []
    assert [w for w in words if w not in jieba.cut(f"社区需要{w}支持")] == []
