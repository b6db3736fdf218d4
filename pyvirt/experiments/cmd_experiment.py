"""`pyvirt experiment run FILE... [--out DIR] [--jobs N] [--executor local|dask] [--scheduler ADDR]`

Runs (or resumes) experiments. With one FILE, --out is its results directory (default
results/NAME); with several, --out is the parent of one directory per experiment (default
results/). Exit status: 0 when no run failed (skipped runs of modes not implemented yet are
fine), 1 when a run failed or hit a host error, 130 when interrupted (rerun to resume).
"""
import os
import sys
from collections import Counter
from pathlib import Path

from pyvirt.errors import PyvirtError

EXIT_INTERRUPTED = 130


def add_parser(commands):
    parser = commands.add_parser("experiment", help="run experiments (experiments/*.toml) into results directories")
    verbs = parser.add_subparsers(dest="experiment_command", required=True, metavar="ACTION")
    run = verbs.add_parser("run", help="run or resume experiment files")
    run.add_argument("files", nargs="+", metavar="FILE", help="experiment definition (TOML)")
    run.add_argument("--out", metavar="DIR", help="results directory (several FILEs: their parent); default results/NAME")
    run.add_argument("--jobs", type=_jobs, default=os.cpu_count() or 1, metavar="N",
                     help="parallel runs (default: the number of CPUs)")
    run.add_argument("--executor", choices=("local", "dask"), default="local",
                     help="local process pool (default) or Dask distributed")
    run.add_argument("--scheduler", metavar="ADDR", help="Dask scheduler address (default: a LocalCluster)")
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    run.add_argument("--quiet", action="store_true", help="print no results tables")


def _jobs(text):
    import argparse
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a positive integer")
    return int(text)


def main(args) -> int:
    from pyvirt.experiments import runner, spec
    experiments = [spec.load(f) for f in args.files]
    names = [e.name for e in experiments]
    if len(set(names)) != len(names):
        raise PyvirtError("two experiment files have the same experiment name")
    status = 0
    for exp in experiments:
        if len(experiments) == 1:
            out = Path(args.out) if args.out else Path("results") / exp.name
        else:
            out = Path(args.out or "results") / exp.name
        try:
            outcome = runner.run_experiment(exp, out, jobs=args.jobs, executor=args.executor,
                                            scheduler=args.scheduler, progress=not args.no_progress)
        except KeyboardInterrupt:
            print(f"pyvirt: interrupted; finished runs are kept in {out}: run the same command to resume",
                  file=sys.stderr)
            return EXIT_INTERRUPTED
        if not args.quiet:
            _print_tables(exp, outcome.records)
        print(summary_line(exp.name, outcome, out))
        for reason, n in Counter(r["reason"] for r in outcome.records if r["status"] == "skipped").items():
            print(f"  skipped {n}: {reason}")
        for record in outcome.records:
            if record["status"] in ("failed", "error"):
                print(f"  {record['status']}: {record['key']} {record['params']['variant']} / "
                      f"{record['params']['workload']}: {record['reason']}")
                status = 1
    return status


def summary_line(name, outcome, out) -> str:
    c = outcome.counts
    return (f"{name}: {c['total']} runs ({outcome.executed} executed, {outcome.reused} reused): ok {c['ok']}, "
            f"skipped {c['skipped']}, failed {c['failed']}, error {c['error']} in {outcome.wall_seconds:.1f} s; "
            f"results in {out} (next: pyvirt report {out})")


def _print_tables(exp, records):
    from pyvirt.report import data, tables
    frame = data.Frame.from_records(records, exp.name)
    for table in exp.tables:
        built = tables.build(frame, table)
        print(tables.to_text(built))
        print()
