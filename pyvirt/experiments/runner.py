"""Running an experiment into a results directory, resumably.

`run_experiment` expands the experiment into its runs, keeps the finished ones already in the
results directory (status ok or failed, found by content hash), executes the rest with an
executor, writes each record as soon as it arrives, and finally the manifest and summary.csv.
An interruption (Ctrl-C) keeps every finished record and marks the manifest `interrupted`;
running the same command again resumes.
"""
import sys
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

from pyvirt.experiments import executors as executors_mod
from pyvirt.experiments import guests as guests_mod
from pyvirt.experiments import manifest as manifest_mod
from pyvirt.experiments import profiles as profiles_mod
from pyvirt.experiments.results import ResultsDir


@dataclass
class Outcome:
    status: str                                   # complete | interrupted
    total: int
    reused: int
    executed: int = 0
    counts: Dict[str, int] = field(default_factory=dict)
    records: List[dict] = field(default_factory=list)
    wall_seconds: float = 0.0


def payload_for(params: dict, key: str, profile_doc: dict) -> dict:
    return {"key": key, "params": params, "image": guests_mod.read(params["guest"], params["guest_sha256"]),
            "profile_toml": profiles_mod.to_toml(profile_doc)}


def progress_bar(total: int, desc: str, enabled: bool):
    """A tqdm bar on stderr (drawn only on a terminal), or a no-op without tqdm."""
    try:
        import tqdm
    except ImportError:
        enabled = False
    if not enabled:
        class _Null:
            def update(self, n=1): pass
            def set_postfix_str(self, s): pass
            def close(self): pass
        return _Null()
    tqdm.tqdm.monitor_interval = 0          # no monitor thread (worker processes are forked from a server)
    return tqdm.tqdm(total=total, desc=desc, unit="run", file=sys.stderr, disable=None, leave=False)


def run_experiment(experiment, out_dir, jobs: int = 1, executor: str = "local", scheduler: Optional[str] = None,
                   progress: bool = True, on_record: Optional[Callable[[dict], None]] = None) -> Outcome:
    """Run (or resume) `experiment` into `out_dir`; KeyboardInterrupt propagates after the manifest is saved."""
    start = time.perf_counter()
    specs = experiment.runs()
    docs = {}
    for spec in specs:
        p = spec.params
        docs[p["profile_name"]] = profiles_mod.derive(p["profile"], p["overrides"])
    results = ResultsDir(out_dir)
    results.prepare(experiment.text)
    finished = results.finished(s.key for s in specs)
    todo = [s for s in specs if s.key not in finished]
    runner = executors_mod.make(executor, jobs, scheduler)
    host = {**manifest_mod.host_info(), **runner.describe(), "started": manifest_mod.now()}
    previous = _previous_manifest(results)
    if previous:
        host["resumed_from"] = {"started": previous.get("host", {}).get("started"),
                                "git_commit": previous.get("pyvirt", {}).get("git_commit")}
    manifest = manifest_mod.build(experiment, specs, docs, "running", host)
    results.write_manifest(manifest)
    outcome = Outcome(status="interrupted", total=len(specs), reused=len(finished))
    bar = progress_bar(len(todo), experiment.name, progress)
    payloads = (payload_for(s.params, s.key, docs[s.params["profile_name"]]) for s in todo)
    if experiment.checkpoint:
        from pyvirt.experiments.checkpoints import Checkpoints     # loads the compiled machine
        checkpoints = Checkpoints(todo)
        payloads = (checkpoints.add(p) for p in payloads)
    try:
        for record in runner.run(payloads, len(todo)):
            results.write_record(record)
            outcome.executed += 1
            bar.update(1)
            if on_record is not None:
                on_record(record)
        outcome.status = "complete"
    finally:
        bar.close()
        outcome.records = results.records(manifest)
        outcome.counts = _counts(outcome.records, len(specs))
        outcome.wall_seconds = round(time.perf_counter() - start, 3)
        manifest["status"] = outcome.status
        manifest["counts"] = outcome.counts
        for run, record in zip(manifest["runs"], _by_key(outcome.records, manifest["runs"])):
            run["status"] = record["status"] if record else "not run"
        manifest["host"].update(finished=manifest_mod.now(), wall_seconds=outcome.wall_seconds,
                                executed=outcome.executed, reused=outcome.reused)
        results.write_manifest(manifest)
        results.write_summary(outcome.records)
    return outcome


def _previous_manifest(results: ResultsDir):
    try:
        return results.manifest()
    except Exception:
        return None


def _by_key(records, runs):
    index = {r["key"]: r for r in records}
    return [index.get(run["key"]) for run in runs]


def _counts(records, total) -> Dict[str, int]:
    counts = {"total": total, "ok": 0, "failed": 0, "skipped": 0, "error": 0}
    for record in records:
        counts[record["status"]] = counts.get(record["status"], 0) + 1
    counts["not run"] = total - len(records)
    return counts
