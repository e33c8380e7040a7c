"""Checks on text that users type: length caps, no control characters, trimmed."""

from __future__ import annotations

import unicodedata

from orggraph.domain.errors import BadInput


def clean_text(value: str, field: str, *, max_len: int, min_len: int = 1) -> str:
    text = value.strip()
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text):
        raise BadInput(f"{field}: 不能包含控制字符", field=field)
    if len(text) < min_len:
        raise BadInput(f"{field}: 不能为空", field=field)
    if len(text) > max_len:
        raise BadInput(f"{field}: 不能超过 {max_len} 个字", field=field)
    return text


def clean_id(value: str, field: str) -> str:
    text = value.strip()
    if (
        not text
        or len(text) > 80
        or not all(ch.isalnum() or ch in "-_." for ch in text)
        or not text.isascii()
    ):
        raise BadInput(f"{field}: 编号只能由 1-80 个英文字母、数字和 - _ . 组成", field=field)
    return text


def lucene_phrases(search: str, max_len: int = 50) -> str:
    """A search box's words as a Lucene query where every word must appear as written (a phrase each):
    for Chinese, whose words the cjk analyzer splits into overlapping pairs of characters, this finds
    the text that contains the word, not every text sharing a character pair with it."""
    words = search[:max_len].split()
    return " AND ".join('"' + w.replace("\\", "\\\\").replace('"', '\\"') + '"' for w in words)
