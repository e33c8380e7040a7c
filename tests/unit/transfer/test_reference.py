"""docs/import-export.md's column reference is the code's: regenerate it with
`python -m orggraph.transfer.reference --write` after changing a column."""

from __future__ import annotations

from orggraph.settings import project_root
from orggraph.transfer import reference


def test_the_doc_s_column_reference_matches_the_import_columns() -> None:
    doc = (project_root() / reference.DOC).read_text(encoding="utf-8")
    assert doc == reference.rewritten(doc), "run: python -m orggraph.transfer.reference --write"
    assert "| 编号 | 是 | `clientId` |" in doc
