"""What a need or a resource is about, from its words: Chinese word segmentation, concepts found in the
text, and an absolute BM25 relevance.

- **Words.** rjieba (the Rust port of jieba: maintained, about 30 times faster than jieba, no import-time
  warnings) in search mode, with orggraph's domain words (the lexicon) and every concept phrase (the
  vocabulary) in its dictionary, so that 四点半课堂 or 电动自行车 stay whole as well as their parts.
  Punctuation, numbers, single characters and a few function words are dropped. The vocabulary and the
  lexicon come from the caller as a `Dictionary` (orggraph.vocabulary reads them from seeds/); this module
  reads no file.
- **Concepts.** A concept is found when one of its phrases occurs in the text, the longest phrase winning
  where two overlap (`detect_concepts`).
- **Relevance.** BM25 (k1 1.2, b 0.75, Lucene's idf) with the need's words as the query and the resource as the
  document, over the statistics of the resources library (how many resources use each word, their mean
  length: (:Term) and (:Corpus) in the graph, kept current by every write of a resource). It is made absolute
  by dividing by the score of an ideal resource, one of mean length holding each of the query's words once:
  1 means the resource covers every word of the need that any resource uses, weighted by how telling the
  word is. Words no resource uses cannot be matched by any and are left out of the ideal (place names).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import rjieba
from numpy.typing import NDArray

from orggraph.domain.concepts import Vocabulary

K1 = 1.2
B = 0.75

# function words that say nothing about what a need or a resource is about
STOPWORDS = frozenset(
    [
        "需要",
        "需求",
        "希望",
        "可以",
        "能够",
        "进行",
        "开展",
        "提供",
        "相关",
        "以及",
        "我们",
        "他们",
        "目前",
        "一些",
        "没有",
        "已经",
        "还是",
        "或者",
        "并且",
        "因为",
        "所以",
        "如果",
        "就是",
        "这个",
        "那个",
        "这些",
        "那些",
        "什么",
        "怎么",
        "为了",
        "通过",
        "其中",
        "一个",
        "主要",
        "帮助",
        "协调",
        "解决",
        "问题",
        "情况",
        "工作",
        "方面",
        "有关",
        "左右",
        "每年",
        "每月",
        "每周",
        "每次",
        "不少",
        "较多",
        "很多",
        "非常",
        "比较",
        "以上",
        "以下",
        "之一",
    ]
)
_KEEP = re.compile(r"[\u4e00-\u9fff]{2,}|[A-Za-z][A-Za-z0-9]+")


@dataclass(frozen=True, eq=False)
class Dictionary:
    """What texts are read with: the concept vocabulary (its phrases are found as concepts and kept whole by
    the segmenter) and the lexicon's other domain words (kept whole). Equal only to itself, so that what is
    built from one (its segmenter, its phrase matcher) is cached with it."""

    vocabulary: Vocabulary
    lexicon: tuple[str, ...] = ()


# a few dictionaries at a time: a process has one (orggraph.vocabulary.load_dictionary), tests some more
CACHED = 8


@lru_cache(maxsize=CACHED)
def segmenter(dictionary: Dictionary) -> rjieba.Jieba:
    """The segmenter with the dictionary's words: built once per dictionary (about 0.2 s)."""
    jieba = rjieba.Jieba()
    for word in (*dictionary.lexicon, *(p for c in dictionary.vocabulary.concepts for p in c.phrases)):
        jieba.add_word(word, None, None)
    return jieba


def terms(title: str, description: str | None = None, *, dictionary: Dictionary) -> list[str]:
    """The words of a text as BM25 counts them (repeated as often as they occur)."""
    text = title if not description else f"{title} {description}"
    out = []
    for token in segmenter(dictionary).cut_for_search(text):
        token = token.strip().lower()
        if token not in STOPWORDS and _KEEP.fullmatch(token):
            out.append(token)
    return out


def text_of(title: str | None, description: str | None) -> str:
    """A need's or a resource's text, as concepts are found in it."""
    return f"{title or ''} {description or ''}".strip()


def indexed(title: str | None, description: str | None, *, dictionary: Dictionary) -> dict[str, Any]:
    """What a write stores of a text (orggraph.graph.text_writes): its words (with repeats), its distinct words
    (for the library's statistics) and its concepts."""
    words = terms(title or "", description, dictionary=dictionary)
    return {
        "terms": words,
        "vocab": sorted(set(words)),
        "concepts": detect_concepts(text_of(title, description), dictionary.vocabulary),
    }


def query_terms(words: Iterable[str]) -> tuple[str, ...]:
    """A query's distinct words in the order they first occur."""
    return tuple(dict.fromkeys(words))


# ---------------------------------------------------------------- concepts
def detect_concepts(text: str, vocabulary: Vocabulary) -> list[str]:
    """The ids of the concepts whose phrases occur in the text, in the order of first occurrence. The text is
    read from left to right, the longest phrase starting at a place winning (forward maximum matching): in
    燃气管道改造 the phrase 燃气管道改造 is found, not also 燃气."""
    concept_of, lengths = _matcher(vocabulary)
    found: dict[str, None] = {}
    i, end = 0, len(text)
    while i < end:
        # the lengths of the phrases that start with this character, longest first
        for n in lengths.get(text[i], ()):
            concept = concept_of.get(text[i : i + n])
            if concept is not None:
                found.setdefault(concept)
                i += n
                break
        else:
            i += 1
    return list(found)


@lru_cache(maxsize=CACHED)
def _matcher(vocab: Vocabulary) -> tuple[dict[str, str], dict[str, tuple[int, ...]]]:
    """A vocabulary's phrases (phrase -> concept id; first character -> phrase lengths, longest first), built
    once per vocabulary (a Vocabulary is equal only to itself)."""
    concept_of = {p: c.id for c in vocab.concepts for p in c.phrases}
    lengths: dict[str, set[int]] = {}
    for phrase in concept_of:
        lengths.setdefault(phrase[0], set()).add(len(phrase))
    by_first = {ch: tuple(sorted(ns, reverse=True)) for ch, ns in lengths.items()}
    return concept_of, by_first


# ---------------------------------------------------------------- corpus statistics and BM25
@dataclass(frozen=True)
class CorpusStats:
    """The resources library's statistics: how many resources, their words in all, and for the words asked
    about, how many resources use each."""

    documents: int = 0
    length: int = 0
    df: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def counted(cls, docs: Iterable[Sequence[str]]) -> CorpusStats:
        """The statistics of these documents' words (the graph keeps the library's: (:Term), (:Corpus))."""
        df: Counter[str] = Counter()
        documents = length = 0
        for words in docs:
            documents += 1
            length += len(words)
            df.update(set(words))
        return cls(documents, length, dict(df))

    @property
    def mean_length(self) -> float:
        return self.length / self.documents if self.documents else 1.0

    def idf(self, term: str) -> float:
        """Lucene's BM25 idf, 0 for a word no resource uses."""
        n = self.df.get(term, 0)
        if n <= 0:
            return 0.0
        return math.log(1.0 + (self.documents - n + 0.5) / (n + 0.5))


def _saturated(tf: float, length: float, mean_length: float) -> float:
    return tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * length / mean_length))


def relevance(query: Sequence[str], doc: Sequence[str], length: int, stats: CorpusStats) -> float:
    """How well a document (its words; `length`, all its words) answers the query's words, in [0, 1]:
    BM25 divided by an ideal document's (see the module). `doc` may be only its words that are in the query."""
    words = query_terms(query)
    ideal = sum(stats.idf(t) for t in words)
    if ideal <= 0.0 or length <= 0:
        return 0.0
    tf = Counter(doc)
    got = sum(stats.idf(t) * _saturated(tf[t], length, stats.mean_length) for t in words if tf.get(t))
    return min(1.0, got / ideal)


def shared_words(query: Sequence[str], doc: Iterable[str], limit: int = 3) -> list[str]:
    """The query's words the document uses, longest first (the most telling), at most `limit`."""
    have = set(doc)
    words = [t for t in query_terms(query) if t in have]
    return sorted(words, key=lambda t: -len(t))[:limit]


@dataclass(frozen=True)
class Columns:
    """A 0/1 or weighted rows x columns matrix kept by column, as scipy's CSC keeps it (column j's rows are
    indices[indptr[j]:indptr[j + 1]], their values data[...] alike), built with numpy alone: scipy's
    constructor cost more than the scoring of a need's few dozen candidates. Each (row, column) at most once."""

    indptr: NDArray[np.int64]
    indices: NDArray[np.int64]
    data: NDArray[np.float64]

    @classmethod
    def of(
        cls, rows: Sequence[int], cols: Sequence[int], vals: Sequence[float] | None, ncols: int
    ) -> Columns:
        col = np.asarray(cols, dtype=np.int64)
        order = np.argsort(col, kind="stable")  # rows stay in their order within a column
        indptr = np.zeros(ncols + 1, dtype=np.int64)
        np.cumsum(np.bincount(col, minlength=ncols), out=indptr[1:])
        data = np.ones(len(col)) if vals is None else np.asarray(vals, dtype=np.float64)
        return cls(indptr, np.asarray(rows, dtype=np.int64)[order], data[order])

    def column(self, j: int, nrows: int) -> NDArray[np.float64]:
        """Column j as a dense vector of `nrows` values."""
        out = np.zeros(nrows)
        out[self.indices[self.indptr[j] : self.indptr[j + 1]]] = self.data[
            self.indptr[j] : self.indptr[j + 1]
        ]
        return out


class TextIndex:
    """Many documents' BM25 weights as a sparse matrix, to score one query against all at once; equal to
    `relevance` document by document (tests/unit/matching/test_text.py)."""

    def __init__(self, docs: Sequence[tuple[Sequence[str], int]], stats: CorpusStats) -> None:
        self.stats = stats
        vocab: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        mean = stats.mean_length
        for i, (words, length) in enumerate(docs):
            if length <= 0:
                continue
            for t, n in Counter(words).items():
                rows.append(i)
                cols.append(vocab.setdefault(t, len(vocab)))
                vals.append(_saturated(n, length, mean))
        self.vocab = vocab
        self.size = len(docs)
        self.weights = Columns.of(rows, cols, vals, max(len(vocab), 1))

    def scores(self, query: Sequence[str]) -> NDArray[np.float64]:
        words = query_terms(query)
        ideal = sum(self.stats.idf(t) for t in words)
        known = [
            (self.vocab[t], self.stats.idf(t)) for t in words if t in self.vocab and self.stats.idf(t) > 0
        ]
        if ideal <= 0.0 or not known:
            return np.zeros(self.size)
        got = np.zeros(self.size)
        starts, rows, data = self.weights.indptr, self.weights.indices, self.weights.data
        for col, idf in known:  # a column's rows are distinct, so `+=` adds each once
            got[rows[starts[col] : starts[col + 1]]] += data[starts[col] : starts[col + 1]] * idf
        return np.minimum(got / ideal, 1.0)
