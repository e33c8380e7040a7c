"""The province plan (orggraph plan province, docs/matching.md): every city of a province planned as
planMatches plans one city, in worker processes that each read the graph with their own driver, each city's
result written to a run directory; then the cities that drew the same PROVINCE-wide resource past its
capacity are reconciled (orggraph.matching.province). A batch job: hundreds of cities do not fit a request.

The run directory:
  run.json         the province, today, the weights, when it started, its cities, the graph's mark then
  cities/<id>.json one per city planned: its matches, each assigned need's shortlist, the capacities left of
                   the resources they name, needs considered and assigned, seconds for reads and planning
  reconcile.json   the resources overdrawn over all cities, and the needs the reconcile moved or left out
  summary.json     wall-clock, each city's seconds and needs, totals, the reconcile's figures
Every file is written whole (a temporary file renamed): a city's file exists only when its plan is done, which
is what --resume trusts."""

from __future__ import annotations

import asyncio
import atexit
import json
import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from orggraph.domain.model import ServiceArea
from orggraph.graph import matching_reads, province_reads
from orggraph.graph.driver import open_driver
from orggraph.graph.runner import Graph
from orggraph.matching.planner import Option
from orggraph.matching.province import CityOutcome, Reconciled, reconcile
from orggraph.matching.rank import Weights
from orggraph.services.matching import plan_from_shortlists, shortlists_of
from orggraph.settings import Settings

RUN_FILE = "run.json"
SUMMARY_FILE = "summary.json"
RECONCILE_FILE = "reconcile.json"
CITIES_DIR = "cities"


class PlanError(Exception):
    """The plan cannot run as asked (no such province, a run directory in the way ...): a message for the
    user."""


def write_json(path: Path, data: object) -> None:
    """Write `data` as JSON to `path` whole: a reader sees the old file or the new one, never a part."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


@dataclass(frozen=True)
class RunMeta:
    """What run.json keeps: what every city of the run is planned with, and where the graph stood."""

    province_id: str
    today: date
    weights: Weights
    started: str
    cities: tuple[province_reads.Place, ...]
    mark: int  # the graph's audit mark when the run started

    def to_json(self) -> dict[str, Any]:
        return {
            "provinceId": self.province_id, "today": self.today.isoformat(), "weights": asdict(self.weights),
            "started": self.started, "cities": [{"id": c.id, "name": c.name} for c in self.cities],
            "mark": self.mark,
        }  # fmt: skip

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RunMeta:
        return cls(
            data["provinceId"], date.fromisoformat(data["today"]), Weights(**data["weights"]), data["started"],
            tuple(province_reads.Place(c["id"], c["name"]) for c in data["cities"]), int(data["mark"]),
        )  # fmt: skip


class RunDir:
    """A run directory's files (see the module's docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    def run_file(self) -> Path:
        return self.path / RUN_FILE

    def city_file(self, city_id: str) -> Path:
        return self.path / CITIES_DIR / f"{city_id}.json"

    def start(self, meta: RunMeta) -> None:
        (self.path / CITIES_DIR).mkdir(parents=True, exist_ok=True)
        write_json(self.run_file, meta.to_json())

    def meta(self) -> RunMeta | None:
        if not self.run_file.exists():
            return None
        return RunMeta.from_json(json.loads(self.run_file.read_text(encoding="utf-8")))

    def done(self) -> set[str]:
        """The cities whose result file is written."""
        folder = self.path / CITIES_DIR
        return {p.stem for p in folder.glob("*.json")} if folder.is_dir() else set()

    def load(self, name: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.path / name).read_text(encoding="utf-8"))
        return data

    def city(self, city_id: str) -> dict[str, Any]:
        return self.load(f"{CITIES_DIR}/{city_id}.json")


def to_plan(meta: RunMeta, done: set[str], max_cities: int | None) -> list[str]:
    """The cities this invocation plans: the run's first `max_cities` (all by default) in id order, less
    those already done."""
    ids = sorted(c.id for c in meta.cities)
    return [c for c in ids[:max_cities] if c not in done]


def stale_note(mark_then: int, mark_now: int, finished: int) -> str | None:
    """What a resumed run says when the graph was changed since it started; None when it was not."""
    if mark_now == mark_then or finished == 0:
        return None
    return (
        f"the graph recorded {mark_now - mark_then} change(s) since this run started "
        f"(audit mark {mark_then} → {mark_now}): the {finished} city plan(s) already written may be stale"
    )


# ---------------------------------------------------------------- one city
@dataclass(frozen=True)
class CityDone:
    """What a worker hands back for the progress line (the result itself is in the city's file)."""

    city_id: str
    needs_considered: int
    needs_assigned: int
    reads_s: float
    plan_s: float


async def city_result(graph: Graph, city_id: str, *, today: date, weights: Weights) -> dict[str, Any]:
    """One city's plan as its result file holds it: planMatches of the city (the same reads, shortlists
    and solver), with the shortlist of every need it assigned and the capacity left of the resources they
    name. The options of a need that drew a PROVINCE-wide resource are explained (the reconcile may move it
    to one of them); the others only scored."""
    t0 = time.perf_counter()
    place = await matching_reads.scope_place(graph, city_id=city_id, street_id=None, community_id=None)
    scope = await matching_reads.scope_facts(graph, place, today=today)
    t1 = time.perf_counter()
    shortlisting, shortlists = shortlists_of(scope, weights, today)
    plan = plan_from_shortlists(shortlisting, shortlists)
    chosen = {m.need_id: m.resource_id for m in plan.matches}
    lists: dict[str, list[dict[str, Any]]] = {}
    resources: dict[str, dict[str, Any]] = {}
    for need_id in sorted(chosen):
        best = shortlists[need_id]
        wide = any(
            c.resource_id == chosen[need_id] and c.service_area is ServiceArea.PROVINCE
            for _, c in best.options
        )
        entries = []
        for sc, c in best.options:
            entry: dict[str, Any] = {
                "resource": c.resource_id, "score": sc, "take": min(best.need.quantity, c.left),
            }  # fmt: skip
            if wide:
                entry["reason"] = shortlisting.explain(best, c).reason
            entries.append(entry)
            resources[c.resource_id] = {"serviceArea": c.service_area.value, "left": c.left}
        lists[need_id] = entries
    t2 = time.perf_counter()
    return {
        "cityId": city_id,
        "provinceId": place.province_id,
        "today": today.isoformat(),
        "needsConsidered": plan.needs_considered,
        "needsAssigned": len(plan.matches),
        "needsWithoutCandidates": plan.needs_without_candidates,
        "totalScore": plan.total_score,
        "optimal": plan.optimal,
        "seconds": {"reads": round(t1 - t0, 4), "plan": round(t2 - t1, 4), "solver": round(plan.solver_seconds, 4)},
        "matches": [
            {"need": m.need_id, "resource": m.resource_id, "score": m.score, "quantity": m.quantity, "reason": m.reason}
            for m in plan.matches
        ],
        "shortlists": lists,
        "resources": dict(sorted(resources.items())),
    }  # fmt: skip


# a worker's driver and event loop, made once by its initializer
_WORKER: dict[str, Any] = {}


def init_worker() -> None:
    """A worker process's own driver (Settings from the environment) on its own event loop, closed at exit."""
    settings = Settings()
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    driver = open_driver(settings)
    _WORKER.update(loop=loop, graph=Graph.of(driver, settings))

    def close() -> None:
        loop.run_until_complete(driver.close())
        loop.close()

    atexit.register(close)


def plan_city(run_dir: str, city_id: str, today: date, weights: Weights) -> CityDone:
    """In a worker: plan one city and write its result file."""
    loop: asyncio.AbstractEventLoop = _WORKER["loop"]
    result = loop.run_until_complete(city_result(_WORKER["graph"], city_id, today=today, weights=weights))
    write_json(RunDir(Path(run_dir)).city_file(city_id), result)
    return CityDone(
        city_id, result["needsConsidered"], result["needsAssigned"], result["seconds"]["reads"],
        result["seconds"]["plan"],
    )  # fmt: skip


# ---------------------------------------------------------------- the province
def outcome_of(result: dict[str, Any]) -> CityOutcome:
    """A city's result file as the reconcile reads it: its choices, and the shortlists of the needs that
    drew a PROVINCE-wide resource (only those may be solved again)."""
    shared = {r for r, v in result["resources"].items() if v["serviceArea"] == ServiceArea.PROVINCE.value}
    shortlists = {
        need: tuple(Option(need, o["resource"], o["score"], o["take"]) for o in entries)
        for need, entries in result["shortlists"].items()
    }
    chosen = tuple(
        next(o for o in shortlists[m["need"]] if o.resource_id == m["resource"]) for m in result["matches"]
    )
    left = {r: float(v["left"]) for r, v in result["resources"].items()}
    kept = {o.need_id: shortlists[o.need_id] for o in chosen if o.resource_id in shared}
    return CityOutcome(result["cityId"], chosen, kept, left)


def _reason(result: dict[str, Any], option: Option) -> str:
    for entry in result["shortlists"].get(option.need_id, []):
        if entry["resource"] == option.resource_id:
            return str(entry.get("reason", ""))
    return ""


def _option(o: Option) -> dict[str, Any]:
    return {"resource": o.resource_id, "score": o.score, "quantity": o.take}


def final_matches(run: RunDir) -> dict[str, list[dict[str, Any]]]:
    """The province's plan by city: each city's matches with the reconcile's changes applied."""
    changes = run.load(RECONCILE_FILE)["changes"] if (run.path / RECONCILE_FILE).exists() else []
    moved = {c["need"]: c["after"] for c in changes}
    plans: dict[str, list[dict[str, Any]]] = {}
    for city_id in sorted(run.done()):
        matches = []
        for m in run.city(city_id)["matches"]:
            if m["need"] not in moved:
                matches.append(m)
            elif (after := moved[m["need"]]) is not None:
                matches.append({"need": m["need"], **after})
        plans[city_id] = matches
    return plans


def finish(run: RunDir, meta: RunMeta, *, wall_s: float, planned_now: list[str]) -> dict[str, Any]:
    """Reconcile the cities done so far; write reconcile.json and summary.json; the summary."""
    # one file at a time: what the reconcile needs, and each city's figures (not its matches and reasons)
    outcomes, results = [], {}
    for city_id in sorted(run.done()):
        result = run.city(city_id)
        outcomes.append(outcome_of(result))
        results[city_id] = {k: result[k] for k in ("needsConsidered", "needsAssigned", "seconds", "optimal")}
    reconciled: Reconciled = reconcile(outcomes)
    changed = {c: run.city(c) for c in sorted({ch.city_id for ch in reconciled.changes})}  # for the reasons
    write_json(
        run.path / RECONCILE_FILE,
        {
            "overdrawn": [{"resource": r, "drawn": d, "left": v} for r, (d, v) in reconciled.overdrawn.items()],
            "changes": [
                {"cityId": c.city_id, "need": c.before.need_id, "before": _option(c.before),
                 "after": None if c.after is None
                 else {**_option(c.after), "reason": _reason(changed[c.city_id], c.after)}}
                for c in reconciled.changes
            ],
        },
    )  # fmt: skip
    names = {c.id: c.name for c in meta.cities}
    cities = [
        {"id": c, "name": names.get(c, c), "needsConsidered": r["needsConsidered"], "needsAssigned": r["needsAssigned"],
         "seconds": r["seconds"], "optimal": r["optimal"]}
        for c, r in results.items()
    ]  # fmt: skip
    assigned_after = sum(len(v) for v in reconciled.chosen.values())
    summary = {
        "provinceId": meta.province_id,
        "today": meta.today.isoformat(),
        "started": meta.started,
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "wallSeconds": round(wall_s, 3),
        "cities": cities,
        "totals": {
            "cities": len(meta.cities), "citiesPlanned": len(results), "citiesPlannedNow": len(planned_now),
            "needsConsidered": sum(r["needsConsidered"] for r in results.values()),
            "needsAssigned": sum(r["needsAssigned"] for r in results.values()),
            "needsAssignedAfterReconcile": assigned_after,
            "readSeconds": round(sum(r["seconds"]["reads"] for r in results.values()), 3),
            "planSeconds": round(sum(r["seconds"]["plan"] for r in results.values()), 3),
        },
        "reconcile": {
            "happened": reconciled.happened, "overdrawnResources": len(reconciled.overdrawn),
            "needsResolved": reconciled.needs_resolved,
            "needsMoved": sum(1 for c in reconciled.changes if c.after is not None),
            "needsDropped": sum(1 for c in reconciled.changes if c.after is None),
            "scoreBefore": reconciled.score_before, "scoreAfter": reconciled.score_after,
            "solverOptimal": reconciled.solver_optimal, "seconds": round(reconciled.seconds, 4),
        },
        # every city proven optimal, and no reconcile (which optimizes only the needs it moves)
        "optimal": all(r["optimal"] for r in results.values()) and not reconciled.happened,
        "complete": len(results) == len(meta.cities),
    }  # fmt: skip
    write_json(run.path / SUMMARY_FILE, summary)
    return summary


@dataclass(frozen=True)
class Started:
    """What the parent knows before planning: the run, the cities to plan now, a note when stale."""

    meta: RunMeta
    todo: list[str]
    done: int
    stale: str | None


async def _place_and_mark(
    settings: Settings, province_id: str | None
) -> tuple[str, list[province_reads.Place], int]:
    async with open_driver(settings) as driver:
        graph = Graph.of(driver, settings)
        mark = await province_reads.audit_mark(graph)
        if province_id is None:
            found = await province_reads.provinces(graph)
            if len(found) != 1:
                listed = ", ".join(p.id for p in found) or "none"
                raise PlanError(f"--province: the graph has {len(found)} provinces ({listed}); name one")
            province_id = found[0].id
        cities = await province_reads.province_cities(graph, province_id)
        if not cities:
            raise PlanError(f"--province: no city belongs to a province {province_id!r}")
        return province_id, cities, mark


def prepare(
    settings: Settings, run: RunDir, *, province_id: str | None, resume: bool, max_cities: int | None,
    today: date, weights: Weights,
) -> Started:  # fmt: skip
    """Start a run (write run.json) or resume one (read it: its province, today and weights hold)."""
    if run.run_file.exists() and not resume:
        raise PlanError(f"{run.path} holds a run already: --resume it, or give another --run-dir")
    meta = run.meta()
    if meta is None and resume and run.path.exists() and any(run.path.iterdir()):
        raise PlanError(f"--resume: {run.path} has no {RUN_FILE}")
    if meta is not None and province_id is not None and province_id != meta.province_id:
        raise PlanError(f"--province: {run.path} is a run of {meta.province_id}")
    province, cities, mark = asyncio.run(
        _place_and_mark(settings, province_id or (meta.province_id if meta else None))
    )
    stale = None
    if meta is None:
        started = datetime.now(UTC).isoformat(timespec="seconds")
        meta = RunMeta(province, today, weights, started, tuple(cities), mark)
        run.start(meta)
    else:
        stale = stale_note(meta.mark, mark, len(run.done()))
    done = run.done()
    return Started(meta, to_plan(meta, done, max_cities), len(done), stale)


def plan_cities(
    run: RunDir, started: Started, *, workers: int, on_city: Callable[[CityDone], None],
    on_error: Callable[[str, BaseException], None],
) -> list[str]:  # fmt: skip
    """Plan the cities to plan in `workers` spawned processes; the cities planned (the others failed)."""
    planned: list[str] = []
    if not started.todo:
        return planned
    context = multiprocessing.get_context("spawn")
    meta = started.meta
    with ProcessPoolExecutor(
        min(workers, len(started.todo)), mp_context=context, initializer=init_worker
    ) as pool:
        pending: dict[Future[CityDone], str] = {
            pool.submit(plan_city, str(run.path), c, meta.today, meta.weights): c for c in started.todo
        }
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                city = pending.pop(future)
                error = future.exception()
                if error is None:
                    planned.append(city)
                    on_city(future.result())
                else:
                    on_error(city, error)
    return planned
