"""Words, concepts and relevance (orggraph.matching.text) on texts as people write them."""

from __future__ import annotations

import pytest

from orggraph.domain.concepts import Concept, Vocabulary
from orggraph.matching import text
from orggraph.matching.text import CorpusStats, TextIndex, relevance, shared_words
from orggraph.vocabulary import load_dictionary, load_vocabulary


def terms(title: str, description: str | None = None) -> list[str]:
    return text.terms(title, description, dictionary=load_dictionary())


def detect_concepts(found_in: str) -> list[str]:
    return text.detect_concepts(found_in, load_vocabulary())


def _concept(name: str) -> str:
    return next(c.id for c in load_vocabulary().concepts if c.name == name)


def test_words_keep_the_domain_s_phrases_whole_and_drop_noise() -> None:
    words = terms("放学后孩子没人管,想办四点半课堂", "防范电信网络诈骗,电动自行车充电,AED 2台,10万元。")
    assert "四点半课堂" in words and "电动自行车充电" in words and "诈骗" in words and "自行车" in words
    assert "aed" in words  # latin letters kept, lower-cased
    assert not {"2", "10", ",", "。", "想", "台"} & set(words)
    assert "需要" not in terms("需要志愿者")  # a function word


def test_different_words_for_one_thing_lead_to_one_concept() -> None:
    fraud = _concept("反诈宣传") if any(c.name == "反诈宣传" for c in load_vocabulary().concepts) else None
    found = [detect_concepts(t) for t in ("老人接到诈骗电话", "开展反诈宣传进小区", "防骗知识讲座")]
    assert all(found), found
    if fraud is not None:
        assert all(fraud in f for f in found)
    assert detect_concepts("天气很好") == []


def test_concepts_come_in_order_and_the_longest_phrase_wins() -> None:
    vocab = load_vocabulary()
    long_phrase = max((p for c in vocab.concepts for p in c.phrases), key=len)
    owner = next(c.id for c in vocab.concepts if long_phrase in c.phrases)
    assert detect_concepts(f"请帮忙:{long_phrase}")[0] == owner
    # each concept once, however often it occurs
    assert detect_concepts(f"{long_phrase},{long_phrase}") == [owner]


STATS = CorpusStats(documents=100, length=2000, df={"电梯": 3, "加装": 5, "老人": 60, "资金": 30})


def test_relevance_is_absolute_one_for_a_resource_that_covers_every_telling_word() -> None:
    query = ["加装", "电梯", "老人", "春晖新村"]  # the place name: no resource uses it, left out of the ideal
    full = relevance(query, ["加装", "电梯", "老人"], 20, STATS)
    assert full == pytest.approx(1.0)
    # the telling words weigh most: 电梯 alone counts for far more than 老人 alone
    assert relevance(query, ["电梯"], 20, STATS) > 3 * relevance(query, ["老人"], 20, STATS)
    assert relevance(query, ["资金"], 20, STATS) == 0.0
    # the best of a poor lot is not highly relevant: nothing is normalised to the best candidate
    assert relevance(query, ["老人"], 20, STATS) < 0.25
    assert relevance([], ["电梯"], 20, STATS) == 0.0
    assert relevance(["春晖新村"], ["春晖新村"], 20, STATS) == 0.0


def test_a_long_resource_weighs_a_word_less_than_a_short_one() -> None:
    assert relevance(["电梯"], ["电梯"], 10, STATS) > relevance(["电梯"], ["电梯"], 80, STATS)


def test_the_index_scores_every_document_as_relevance_does() -> None:
    docs = [(["加装", "电梯", "电梯"], 12), (["老人"], 30), ([], 0), (["资金", "老人", "加装"], 25)]
    index = TextIndex(docs, STATS)
    query = ["加装", "电梯", "老人", "春晖新村"]
    assert index.scores(query).tolist() == pytest.approx([relevance(query, d, n, STATS) for d, n in docs])
    assert index.scores(["春晖新村"]).tolist() == [0.0, 0.0, 0.0, 0.0]


def test_shared_words_are_the_longest_first() -> None:
    assert shared_words(["老人", "加装电梯", "电梯", "资金"], ["电梯", "老人", "加装电梯"]) == [
        "加装电梯",
        "老人",
        "电梯",
    ]


def test_the_dictionary_comes_from_the_caller_and_its_segmenter_is_built_once_for_it() -> None:
    lift = Vocabulary([Concept(id="lift", name="加装电梯", synonyms=("加梯",))])
    small = text.Dictionary(lift, ("两库四单",))
    assert text.segmenter(small) is text.segmenter(small)
    assert text.detect_concepts("老楼想加梯,先加装电梯", lift) == ["lift"]
    assert "两库四单" in text.terms("落实两库四单", dictionary=small)
    found = text.indexed("老楼想加梯", None, dictionary=small)
    assert found["concepts"] == ["lift"] and "加梯" in found["terms"]
    # the seeds' dictionary is another one: its own concepts, not this vocabulary's
    assert "lift" not in detect_concepts("老楼想加梯")


@pytest.mark.parametrize("seed", range(20))
def test_columns_hold_what_scipys_csc_matrix_holds(seed: int) -> None:
    import random

    import numpy as np
    from scipy import sparse

    from orggraph.matching.text import Columns

    rng = random.Random(seed)
    nrows, ncols = rng.randint(0, 30), rng.randint(1, 12)
    cells = sorted(
        rng.sample([(r, c) for r in range(nrows) for c in range(ncols)], k=rng.randint(0, nrows * ncols))
    )
    rows, cols = [r for r, _ in cells], [c for _, c in cells]
    vals = [rng.random() for _ in cells]
    ours, theirs = (
        Columns.of(rows, cols, vals, ncols),
        sparse.csc_matrix((vals, (rows, cols)), shape=(nrows, ncols)),
    )
    assert ours.indptr.tolist() == theirs.indptr.tolist()
    for j in range(ncols):
        got = dict(
            zip(
                ours.indices[ours.indptr[j] : ours.indptr[j + 1]].tolist(),
                ours.data[ours.indptr[j] : ours.indptr[j + 1]].tolist(),
                strict=True,
            )
        )
        want = dict(
            zip(
                theirs.indices[theirs.indptr[j] : theirs.indptr[j + 1]].tolist(),
                theirs.data[theirs.indptr[j] : theirs.indptr[j + 1]].tolist(),
                strict=True,
            )
        )
        assert got == want
        assert ours.column(j, nrows).tolist() == np.asarray(theirs[:, j].todense()).ravel().tolist()
    assert Columns.of(rows, cols, None, ncols).data.tolist() == [1.0] * len(cells)
