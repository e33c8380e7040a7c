"""HeavyWork.warm: the plan's worker starts with the plan's modules imported, before the first plan asks
(the first plan of a process took about 5 s more: a spawned interpreter importing numpy and scipy). Real
worker processes, no Neo4j. This module imports nothing of the plan's at its top: a worker that runs one of
its functions imports it, and must not import the plan's modules that way."""

from __future__ import annotations

import sys

from orggraph.services.heavy import HeavyWork

PLAN_MODULES = ("numpy", "scipy.optimize", "orggraph.services.matching")


def plan_modules_imported() -> dict[str, bool]:
    return {name: name in sys.modules for name in PLAN_MODULES}


async def test_a_warmed_worker_has_the_plans_modules_imported_before_its_first_job_and_a_cold_one_not() -> (
    None
):
    from orggraph.services.matching import warm_worker

    warmed, cold = HeavyWork(workers=1, queue=0, timeout_s=60), HeavyWork(workers=1, queue=0, timeout_s=60)
    try:
        warmed.warm(warm_worker)
        assert await warmed.run(plan_modules_imported) == dict.fromkeys(PLAN_MODULES, True)
        assert await cold.run(plan_modules_imported) == dict.fromkeys(PLAN_MODULES, False)
    finally:
        warmed.close()
        cold.close()


def test_workers_are_warmed_by_default_but_under_test() -> None:
    from orggraph.settings import Settings

    secret = "a-test-secret-of-at-least-32-characters-0123"
    assert Settings(env="production", jwt_secret=secret).warms_heavy_work  # type: ignore[arg-type]
    assert Settings(env="development").warms_heavy_work
    assert not Settings(env="test").warms_heavy_work
    assert Settings(env="test", heavy_warm=True).warms_heavy_work
