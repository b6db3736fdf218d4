"""Reproducing a results directory: rerun every recorded run from the manifest (the recorded
parameters, profile documents and guest image hashes) and compare the simulated part of each
new record with the stored one, bit for bit (execute.simulated: everything but host timing)."""
import json
from dataclasses import dataclass, field
from typing import List, Optional

from pyvirt.errors import PyvirtError
from pyvirt.experiments import executors as executors_mod
from pyvirt.experiments.execute import simulated
from pyvirt.experiments.results import ResultsDir
from pyvirt.experiments.runner import payload_for, progress_bar
from pyvirt.experiments.spec import run_key

MAX_DIFFS_SHOWN = 8


@dataclass
class RunCheck:
    key: str
    label: str
    identical: bool
    differences: List[str] = field(default_factory=list)
    status: str = ""


@dataclass
class Verdict:
    checks: List[RunCheck]
    not_run: int

    @property
    def identical(self) -> bool:
        return all(c.identical for c in self.checks)


def flatten(value, prefix="") -> dict:
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            out.update(flatten(v, f"{prefix}.{k}" if prefix else str(k)))
        return out or {prefix: {}}
    if isinstance(value, list):
        out = {}
        for i, v in enumerate(value):
            out.update(flatten(v, f"{prefix}[{i}]"))
        return out or {prefix: []}
    return {prefix: value}


def differences(old: dict, new: dict) -> List[str]:
    a, b = flatten(old), flatten(new)
    out = []
    for path in sorted(set(a) | set(b)):
        if path not in a:
            out.append(f"{path}: (absent) -> {_short(b[path])}")
        elif path not in b:
            out.append(f"{path}: {_short(a[path])} -> (absent)")
        elif a[path] != b[path] or type(a[path]) is not type(b[path]):
            out.append(f"{path}: {_short(a[path])} -> {_short(b[path])}")
    return out


def _short(value) -> str:
    text = json.dumps(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _label(params) -> str:
    extra = " ".join(f"{k}={v}" for k, v in params["axes"].items())
    return " / ".join(x for x in (params["variant"], params["workload"], params["profile_name"], extra,
                                  f"repeat {params['repeat']}" if params["repeat"] else "") if x)


def reproduce(directory, jobs: int = 1, executor: str = "local", scheduler: Optional[str] = None,
              progress: bool = True, on_check=None) -> Verdict:
    results = ResultsDir(directory)
    manifest = results.manifest()
    records = results.records(manifest)
    checks, payloads, stored = [], [], {}
    for record in records:
        params, key = record["params"], record["key"]
        doc = manifest["profiles"].get(params["profile_name"])
        label = _label(params)
        problem = None
        if doc is None:
            problem = f"profile {params['profile_name']} is not in the manifest"
        elif run_key(params, doc) != key:
            problem = "the record's parameters or the manifest's profile do not hash to the run's key"
        elif manifest["guests"].get(params["guest"]) != params["guest_sha256"]:
            problem = "the record's guest hash differs from the manifest's"
        if problem is None:
            try:
                payloads.append(payload_for(params, key, doc))
                stored[key] = record
                continue
            except PyvirtError as e:
                problem = str(e)
        checks.append(RunCheck(key, label, False, [problem]))
    runner = executors_mod.make(executor, jobs, scheduler)
    bar = progress_bar(len(payloads), f"reproduce {manifest['experiment']['name']}", progress)
    fresh = {}
    try:
        for record in runner.run(iter(payloads), len(payloads)):
            fresh[record["key"]] = json.loads(json.dumps(record))      # the stored form (JSON types)
            bar.update(1)
    finally:
        bar.close()
    for payload in payloads:
        key = payload["key"]
        old, new = simulated(stored[key]), simulated(fresh[key])
        diffs = differences(old, new)
        check = RunCheck(key, _label(payload["params"]), not diffs, diffs, stored[key]["status"])
        checks.append(check)
    order = {r["key"]: i for i, r in enumerate(manifest["runs"])}
    checks.sort(key=lambda c: order.get(c.key, len(order)))
    if on_check:
        for check in checks:
            on_check(check)
    return Verdict(checks=checks, not_run=len(manifest["runs"]) - len(records))


def render(check: RunCheck) -> str:
    if check.identical:
        return f"identical  {check.key}  {check.label}" + (f"  ({check.status})" if check.status != "ok" else "")
    lines = [f"DIFFERENT  {check.key}  {check.label}"]
    lines += [f"    {d}" for d in check.differences[:MAX_DIFFS_SHOWN]]
    if len(check.differences) > MAX_DIFFS_SHOWN:
        lines.append(f"    ... and {len(check.differences) - MAX_DIFFS_SHOWN} more")
    return "\n".join(lines)
