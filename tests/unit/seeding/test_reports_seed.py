"""The demo's reports (智慧管家) as the load makes them from the bundle: the article's 4331 with 98.94%
satisfied, all but eleven closed, some handled late, every row on a compound of the bundle and a department
of the dispatch table; the same bundle gives the same reports."""

from __future__ import annotations

from collections import Counter

from orggraph.domain.reports import ReportFigures
from orggraph.seeding.files import read_folder
from orggraph.seeding.reports import report_rows, report_steps, table
from orggraph.settings import project_root

BUNDLE = read_folder(project_root() / "seeds" / "tianchang")


def test_the_demo_has_4331_reports_and_98_94_percent_of_the_rated_satisfied() -> None:
    rows = report_rows(BUNDLE)
    assert len(rows) == 4331
    status = Counter(r["props"]["status"] for r in rows)
    assert status == {"CLOSED": 4320, "REPORTED": 2, "DISPATCHED": 3, "ACCEPTED": 3, "HANDLED": 3}
    rating = Counter(r["props"].get("satisfaction") for r in rows if r["props"].get("satisfaction"))
    figures = ReportFigures(
        received=4331, handled=0, handled_on_time=0, handled_late=0, open=0, overdue_open=0,
        rated=sum(rating.values()), satisfied=rating["SATISFIED"],
        basically_satisfied=rating["BASICALLY_SATISFIED"], dissatisfied=rating["DISSATISFIED"],
    )  # fmt: skip
    assert figures.satisfaction_rate == 0.9894
    late = [r for r in rows if r["times"]["handledAt"] and r["times"]["handledAt"] > r["times"]["deadline"]]
    assert 0.03 < len(late) / 4323 < 0.07


def test_each_report_sits_on_a_compound_and_goes_to_its_categorys_department() -> None:
    compounds = {c.id for c in BUNDLE.compounds}
    rules = {r.category: r for r in table().rules}
    for r in report_rows(BUNDLE):
        assert r["compoundId"] in compounds
        rule = rules[r["props"]["category"]]
        if r["departmentId"] is not None:
            assert r["departmentId"] == rule.department_id
            assert r["times"]["deadline"] - r["times"]["dispatchedAt"] == rule.hours * 3600
        assert r["times"]["reportedAt"] < (r["times"]["dispatchedAt"] or 2**40)


def test_the_open_reports_are_the_last_reported() -> None:
    rows = report_rows(BUNDLE)
    open_ = [i for i, r in enumerate(rows) if r["props"]["status"] != "CLOSED"]
    assert open_ == list(range(4320, 4331))
    times = [r["times"]["reportedAt"] for r in rows]
    assert times == sorted(times)


def test_the_dispatch_table_is_loaded_before_the_reports_and_only_for_the_bundles_units() -> None:
    (name, _, rules), (second, _, reports) = report_steps(BUNDLE)
    assert (name, second, len(rules), len(reports)) == ("派单表", "群众反映", 14, 4331)
    units = {u.id for u in BUNDLE.units}
    assert all(r["departmentId"] in units for r in rules)
