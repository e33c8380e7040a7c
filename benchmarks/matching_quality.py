"""Matching quality (issue #16): the evaluation set (tests/eval/matching_cases.yaml: 120 needs written as
residents write them, a pool of 124 resources, the grades a sensible organization department would give)
ranked by the matcher and by the method before #16, each split apart (tune: 60 cases the weights and
levels were set on; holdout: 20, read once while the vocabulary grew; fresh: 40 that nobody improving the
matcher has read).

    python -m benchmarks.matching_quality [--cases]      # part of `make bench`; --cases lists every miss

Prints a Markdown table (hit@1, MRR, nDCG@5) for docs/matching.md. No Neo4j: the matcher's scoring is pure
(orggraph.matching.eval_rankers says what is held equal).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from orggraph.matching import eval_rankers
from orggraph.matching.evaluation import EvalSet, per_case, summarize
from orggraph.settings import project_root
from orggraph.vocabulary import load_dictionary, load_eval_set

EVAL_SET = Path("tests/eval/matching_cases.yaml")


def table(eval_set: EvalSet) -> str:
    rows = ["| method | split | cases | hit@1 | MRR | nDCG@5 |", "|---|---|---|---|---|---|"]
    for name, ranker in (
        ("before #16", eval_rankers.previous(eval_set)),
        ("now", eval_rankers.current(eval_set, load_dictionary())),
    ):
        for split in ("tune", "holdout", "fresh"):
            s = summarize(per_case(eval_set.split(split), ranker))
            rows.append(f"| {name} | {split} | {s.n} | {s.hit1:.3f} | {s.mrr:.3f} | {s.ndcg5:.3f} |")
        s = summarize(per_case(eval_set.cases, ranker))
        rows.append(f"| {name} | all | {s.n} | {s.hit1:.3f} | {s.mrr:.3f} | {s.ndcg5:.3f} |")
    return "\n".join(rows)


def misses(eval_set: EvalSet) -> str:
    lines = []
    for o in per_case(eval_set.cases, eval_rankers.current(eval_set, load_dictionary())):
        if o.hit1 < 1:
            case = next(c for c in eval_set.cases if c.id == o.case_id)
            got = eval_set.resource(o.top3[0]).title if o.top3 else "-"
            lines.append(
                f"{case.id} ({case.split}) {case.need.title}: first {got}; best at {o.first_best_rank}"
            )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", action="store_true", help="list the cases whose first is not a best")
    args = parser.parse_args()
    eval_set = load_eval_set(project_root() / EVAL_SET)
    print(table(eval_set))
    if args.cases:
        print()
        print(misses(eval_set))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
