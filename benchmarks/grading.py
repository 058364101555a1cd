"""Time `crmlab grade` on a class of identical submissions against plain execution.

    python benchmarks/grading.py                 # 40 copies of the chapter 4 solution, -j 2
    python benchmarks/grading.py --copies 10 --chapter 0 --jobs 2

Prints the total and per-submission time of grading (each submission in the bwrap sandbox,
or `--sandbox none`), the time of executing the same notebooks one after another with plain
nbclient (no sandbox, no rebuilding, no capture, no scoring), the ratio (goal: at most 0.7,
i.e. parallel grading pays for the sandbox and its extra work), and the sandbox's start-up
cost: the median time to start a kernel and run one empty cell, with and without it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--chapter", type=int, default=4)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--sandbox", default="bwrap", choices=["bwrap", "docker", "podman", "none"])
    args = parser.parse_args(argv)

    import nbformat
    from nbclient import NotebookClient

    from crmlab.chapters import chapter
    from crmlab.grading.gradebook import grade
    from crmlab.grading.sandbox import Sandbox, choose

    sandbox = Sandbox("none") if args.sandbox == "none" else choose(args.sandbox)
    startup = {kind: startup_seconds(Sandbox(kind)) for kind in ("none", sandbox.kind)}

    solution = ROOT / "solutions" / chapter(args.chapter).notebook
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "submissions"
        folder.mkdir()
        for i in range(args.copies):
            shutil.copy(solution, folder / f"student{i:03d}.ipynb")
        start = time.perf_counter()
        results = grade([folder], Path(tmp) / "grades", jobs=args.jobs, sandbox=sandbox)
        graded = time.perf_counter() - start
        assert all(r.status == "ok" and sum(r.points.values()) == sum(r.max_points.values())
                   for r in results), "a copy of the solution lost points"
        start = time.perf_counter()
        for path in sorted(folder.glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            NotebookClient(nb, timeout=300, kernel_name="python3",
                           resources={"metadata": {"path": tmp}}
                           ).execute(stderr=subprocess.DEVNULL)
        plain = time.perf_counter() - start
    print(f"crmlab grade, {args.copies} submissions of chapter {args.chapter}, -j {args.jobs}: "
          f"{graded:.1f} s ({graded / args.copies:.2f} s per submission)")
    print(f"nbclient, the same notebooks one after another: {plain:.1f} s "
          f"({plain / args.copies:.2f} s per notebook)")
    ratio = graded / plain
    print(f"ratio: {ratio:.2f} (goal <= 0.7)")
    plain_start, boxed = startup["none"], startup[sandbox.kind]
    print(f"kernel start-up and one empty cell, median of 5: {plain_start:.2f} s without a sandbox, "
          f"{boxed:.2f} s in {sandbox.kind} (+{boxed - plain_start:.2f} s)")
    return 0 if ratio <= 0.7 else 1


def startup_seconds(sandbox, repeat: int = 5) -> float:
    """Median seconds to start a kernel in ``sandbox`` and run one empty cell."""
    import statistics

    from crmlab.grading.rebuild import Rebuilt
    from crmlab.grading.run import Limits, execute

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        execute(Rebuilt(cells=[{"source": "pass"}]), Limits(), sandbox)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


if __name__ == "__main__":
    sys.exit(main())
