"""The matcher's speed alone, at the demo's shape and 100x (issue #16's targets: matchNeed p95 under 50 ms at
1x and within its 100x figure; the plan of the 100x city under 30 s): the same measurement as `make bench`'s
"Matching" table (benchmarks/run.py matching_scale), without the comparison with the peer, so that a change
of the matcher can be measured against the code before it on the same machine in a few minutes.

    python -m benchmarks.matching_speed [--scales 1x,100x] [--samples 200] [--shape province|city]

It uses the bench's Neo4j (benchmarks/run.py settings()), generates and loads each scale, and prints JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json

from benchmarks.run import load_scale, matching_scale, settings
from orggraph.neo4j_local import server as local

SCALES = {"1x": 23, "10x": 230, "100x": 2300}


async def run(scales: list[str], samples: int, shape: str = "province") -> list[dict[str, object]]:
    s = settings()
    out = []
    for name in scales:
        loaded = await load_scale(s, SCALES[name], shape)
        measured = await matching_scale(s, samples, "city")
        out.append({"scale": name, "load": loaded, **measured})
        print(json.dumps(out[-1], ensure_ascii=False), flush=True)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1x,100x")
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument(
        "--shape", choices=("province", "city"), default="province",
        help="a province of cities of varied size (default), or one city of them all: the shape of the rows "
        "measured before issue #17, to compare with them",
    )  # fmt: skip
    args = parser.parse_args()
    local.start(settings(), say=print)
    asyncio.run(run(args.scales.split(","), args.samples, args.shape))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
