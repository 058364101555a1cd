"""The ``crmlab`` command line: ``crmlab exercises``, ``crmlab datasets``, ``crmlab grade``,
``crmlab doctor``.

Run ``crmlab --help`` for the list; each subcommand has ``--help`` too.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from crmlab.errors import CRMDataError


def _exercises(args: argparse.Namespace) -> int:
    from crmlab.exercises import build_exercises, stale_exercises

    if args.check:
        stale = stale_exercises(args.root)
        for name, why in stale.items():
            print(f"FAIL exercises/{name} {why} (compared with a fresh build of solutions/{name})")
        print("exercises are up to date" if not stale else "run `crmlab exercises` to rebuild")
        return 1 if stale else 0
    changed = build_exercises(args.root, force=args.force)
    for path in changed:
        print(f"wrote {path}")
    print(f"{len(changed)} exercise notebook(s) changed")
    return 0


def _datasets(args: argparse.Namespace) -> int:
    from crmlab.datasets import data_dir
    from crmlab.generate import stale_datasets, write_datasets

    directory = Path(args.dir) if args.dir else data_dir()
    if args.check:
        stale = stale_datasets(directory)
        for name, why in stale.items():
            print(f"FAIL {directory / name}.csv {why} (compared with a fresh build)")
        print("datasets are up to date" if not stale else "run `crmlab datasets` to rebuild")
        return 1 if stale else 0
    for path in write_datasets(directory):
        print(f"wrote {path}")
    return 0


def _grade(args: argparse.Namespace) -> int:
    from crmlab.grading.gradebook import export_grades, grade, merge_written
    from crmlab.grading.run import Limits
    from crmlab.grading.sandbox import Sandbox, choose

    if args.merge:
        print(f"wrote {merge_written(args.merge, args.out)}")
        return 0
    if args.export:
        if not args.roster:
            raise CRMDataError("--export needs the roster to write the grades into",
                               fix=f"crmlab grade --export {args.export} --roster FILE --out {args.out}")
        print(f"wrote {export_grades(args.out, args.roster, args.export, args.column)}")
        return 0
    if not args.submissions:
        raise CRMDataError("no submissions given", fix="crmlab grade FILE_OR_FOLDER_OR_ZIP ...")
    sandbox = Sandbox("none") if args.no_sandbox else choose(args.sandbox)
    if not sandbox.isolated:
        print("WARNING: grading without a sandbox: students' code runs with your rights "
              "(written into every row)", file=sys.stderr)
    limits = Limits(cell_timeout=args.timeout, total_timeout=args.total_timeout,
                    memory_mb=args.memory_mb or None)

    def report(r) -> None:  # noqa: ANN001 - a Graded row
        print(f"{r.student[:28]:28} {Path(r.submission.split('!')[-1]).name[:32]:32} "
              f"ch{'-' if r.chapter is None else r.chapter}  {r.status:14} {r.total}/{r.max_total}"
              + ("  [flagged]" if r.flags else ""), flush=True)

    results = grade(args.submissions, args.out, jobs=args.jobs, limits=limits, root=args.root,
                    sandbox=sandbox, roster=args.roster, assignment=args.assignment,
                    resume=args.resume, report=report)
    print(f"{len(results)} submission(s) graded in sandbox '{sandbox.kind}'; see {args.out}/grades.csv, "
          f"{args.out}/feedback/, {args.out}/written.csv and {args.out}/integrity.md")
    return 0


def _book(args: argparse.Namespace) -> int:
    import time

    from crmlab.book import build

    start = time.perf_counter()
    html = build(jobs=args.jobs, quiet=not args.verbose)
    print(f"built the site in {time.perf_counter() - start:.0f} s: open {html / 'index.html'}")
    return 0


def _doctor(_args: argparse.Namespace) -> int:
    from crmlab.doctor import main as doctor

    return doctor()


def parser() -> argparse.ArgumentParser:
    """The argument parser of the ``crmlab`` command."""
    top = argparse.ArgumentParser(prog="crmlab", description="Tools of the CRM Lab course.")
    sub = top.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("exercises", help="build exercises/ from solutions/")
    ex.add_argument("--root", default=".", help="repository root (default: current folder)")
    ex.add_argument("--check", action="store_true", help="only report drift; exit 1 if any")
    ex.add_argument("--force", action="store_true",
                    help="overwrite exercise notebooks even if a student edited them")
    ex.set_defaults(run=_exercises)
    ds = sub.add_parser("datasets", help="regenerate every dataset CSV from its fixed seed")
    ds.add_argument("--dir", default=None, help="target folder (default: the course datasets/)")
    ds.add_argument("--check", action="store_true", help="only report drift; exit 1 if any")
    ds.set_defaults(run=_datasets)
    gr = sub.add_parser("grade", help="grade submitted exercise notebooks into a gradebook")
    gr.add_argument("submissions", nargs="*", help="notebooks or folders of notebooks")
    gr.add_argument("--out", default="grades", help="output folder (default: grades)")
    gr.add_argument("-j", "--jobs", type=int, default=None,
                    help="submissions graded at once (default: number of cores)")
    gr.add_argument("--timeout", type=float, default=60.0, help="seconds a cell may run")
    gr.add_argument("--total-timeout", type=float, default=600.0,
                    help="seconds a whole submission may run")
    gr.add_argument("--memory-mb", type=int, default=4000,
                    help="memory cap of a submission's kernel in MB (0: none)")
    gr.add_argument("--root", default=None, help="course repository (default: this package's)")
    gr.add_argument("--merge", default=None, metavar="WRITTEN_CSV",
                    help="add the points of a filled-in written.csv to OUT/grades.csv")
    gr.add_argument("--sandbox", choices=["bwrap", "docker", "podman"], default=None,
                    help="where students' code runs (default: bwrap, else docker or podman)")
    gr.add_argument("--no-sandbox", action="store_true",
                    help="run students' code with your rights (written into every row)")
    gr.add_argument("--roster", default=None, metavar="FILE",
                    help="Canvas gradebook export, Moodle grading worksheet or student_id,name,email CSV")
    gr.add_argument("--assignment", default=None, metavar="chN",
                    help="the chapter handed in; other chapters' notebooks are wrong-notebook")
    gr.add_argument("--resume", action="store_true",
                    help="grade only the submissions OUT has no row for yet")
    gr.add_argument("--export", choices=["canvas", "moodle"], default=None,
                    help="write OUT/canvas.csv or OUT/moodle.csv from OUT/grades.csv and --roster")
    gr.add_argument("--column", default=None,
                    help="with --export canvas: the gradebook column to fill (default: a new one)")
    gr.set_defaults(run=_grade)
    bk = sub.add_parser("book", help="build the course website into book/_build/html (fails, exit "
                                     "2, when a chapter no longer executes)")
    bk.add_argument("-j", "--jobs", type=int, default=2, help="processes (default 2)")
    bk.add_argument("-v", "--verbose", action="store_true", help="show Sphinx's output")
    bk.set_defaults(run=_book)
    doc = sub.add_parser("doctor", help="check that this environment can run the course")
    doc.set_defaults(run=_doctor)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``crmlab`` command; returns the exit status."""
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except CRMDataError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
