"""`pyvirt reproduce DIR [--jobs N] [--executor local|dask] [--scheduler ADDR]`

Reruns every run recorded in a results directory (or in each results directory under DIR) from
its manifest and checks that the simulated statistics are bit-identical. Prints one line per run
(the differing values for a run that differs). Exit status 0 when every run is identical, 1 when
any differs."""
import os
import sys
from pathlib import Path

from pyvirt.errors import PyvirtError
from pyvirt.experiments.cmd_experiment import _jobs


def add_parser(commands):
    parser = commands.add_parser("reproduce", help="rerun a results directory and verify bit-identical statistics")
    parser.add_argument("directory", metavar="DIR", help="results directory (or a folder of them)")
    parser.add_argument("--jobs", type=_jobs, default=os.cpu_count() or 1, metavar="N", help="parallel runs")
    parser.add_argument("--executor", choices=("local", "dask"), default="local")
    parser.add_argument("--scheduler", metavar="ADDR", help="Dask scheduler address")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


def results_dirs(directory) -> list:
    """DIR itself when it holds a manifest, else its subdirectories that do (sorted)."""
    path = Path(directory)
    if (path / "manifest.json").is_file():
        return [path]
    found = sorted(p.parent for p in path.glob("*/manifest.json")) if path.is_dir() else []
    if not found:
        raise PyvirtError(f"{path}: no results directory (no manifest.json here or in its subdirectories)")
    return found


def main(args) -> int:
    from pyvirt.experiments.reproduce import render, reproduce
    status = 0
    for path in results_dirs(args.directory):
        try:
            verdict = reproduce(path, jobs=args.jobs, executor=args.executor, scheduler=args.scheduler,
                                progress=not args.no_progress, on_check=lambda c: print(render(c)))
        except KeyboardInterrupt:
            print("pyvirt: interrupted", file=sys.stderr)
            return 130
        same = sum(c.identical for c in verdict.checks)
        note = f"; {verdict.not_run} runs have no record (interrupted experiment), not compared" if verdict.not_run else ""
        word = "bit-identical" if verdict.identical else "DIFFERENT"
        print(f"{path}: {word}: {same} of {len(verdict.checks)} runs identical{note}")
        if not verdict.identical:
            status = 1
    return status
