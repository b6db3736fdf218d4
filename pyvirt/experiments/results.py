"""A results directory:

    DIR/manifest.json      what produced the results (manifest.py), the run list and its outcome
    DIR/experiment.toml    a copy of the experiment file
    DIR/runs/KEY.json      one record per run (execute.py), named by the run's content hash
    DIR/summary.csv        one row per BENCH line of every run (one row for a run without any)

Records are written atomically (a temporary file renamed into place), so an interrupted
experiment leaves only whole records; `finished()` tells which runs need not run again.
"""
import csv
import json
import os
from pathlib import Path
from typing import Dict, Iterable, List, Optional

from pyvirt.errors import PyvirtError

FINISHED = ("ok", "failed")          # deterministic outcomes: kept on resume (skipped/error are retried)
CSV_FIXED = ("key", "status", "variant", "mode", "workload", "profile", "profile_name", "repeat", "axes",
             "bench", "iters", "cycles", "per_iter", "run_cycles", "instructions", "exit_status", "reason")


def write_json(path: Path, data) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w") as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write("\n")
    os.replace(tmp, path)


def read_json(path: Path):
    with open(path) as f:
        return json.load(f)


class ResultsDir:
    def __init__(self, path):
        self.path = Path(path)
        self.runs_dir = self.path / "runs"
        self.manifest_path = self.path / "manifest.json"

    def prepare(self, experiment_text: str) -> None:
        self.runs_dir.mkdir(parents=True, exist_ok=True)
        (self.path / "experiment.toml").write_text(experiment_text)

    def record_path(self, key: str) -> Path:
        return self.runs_dir / f"{key}.json"

    def write_record(self, record: dict) -> None:
        write_json(self.record_path(record["key"]), record)

    def read_record(self, key: str) -> Optional[dict]:
        path = self.record_path(key)
        if not path.is_file():
            return None
        try:
            return read_json(path)
        except (OSError, ValueError):
            return None                 # unreadable: treated as not run

    def finished(self, keys: Iterable[str]) -> Dict[str, dict]:
        out = {}
        for key in keys:
            record = self.read_record(key)
            if record is not None and record.get("status") in FINISHED:
                out[key] = record
        return out

    def manifest(self) -> dict:
        if not self.manifest_path.is_file():
            raise PyvirtError(f"{self.path}: not a results directory (no manifest.json)")
        return read_json(self.manifest_path)

    def write_manifest(self, manifest: dict) -> None:
        write_json(self.manifest_path, manifest)

    def records(self, manifest: Optional[dict] = None) -> List[dict]:
        """The records of the manifest's runs, in the manifest's order (missing ones left out)."""
        manifest = manifest or self.manifest()
        out = []
        for run in manifest["runs"]:
            record = self.read_record(run["key"])
            if record is not None:
                out.append(record)
        return out

    def write_summary(self, records: List[dict]) -> Path:
        rows = [row for record in records for row in summary_rows(record)]
        extra = sorted({k for row in rows for k in row} - set(CSV_FIXED))
        path = self.path / "summary.csv"
        with open(path, "w", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(CSV_FIXED) + extra, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        return path


def summary_rows(record: dict) -> List[dict]:
    """CSV rows of one record: its parameters, run totals and each BENCH line's fields."""
    p = record["params"]
    stats = record.get("stats") or {}
    base = {"key": record["key"], "status": record["status"], "variant": p["variant"], "mode": p["mode"],
            "workload": p["workload"], "profile": p["profile"], "profile_name": p["profile_name"],
            "repeat": p["repeat"], "axes": " ".join(f"{k}={v}" for k, v in p["axes"].items()),
            "run_cycles": stats.get("cycles", {}).get("total"),
            "instructions": stats.get("instructions", {}).get("total"),
            "exit_status": record.get("exit_status"), "reason": record.get("reason")}
    if not record.get("bench"):
        return [base]
    rows = []
    for bench in record["bench"]:
        row = dict(base)
        row["bench"] = bench.get("name")
        for k, v in bench.items():
            if k != "name":
                row[k] = v
        rows.append(row)
    return rows
