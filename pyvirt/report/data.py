"""Results as rows: one row per BENCH line of every successful run (one row per run for a guest
that prints none, e.g. the bare-metal guests), with the run's parameters as fields, and the
metrics the figures and tables plot. Runs that did not succeed are kept apart (`Frame.missing`)
so every figure and table can say which series are absent and why.

Fields of a row: experiment, key, variant, mode, workload, profile, profile_name, repeat,
bench, every matrix axis of the run (`events.vm_exit`, `arg.pages`, `config.tlb_entries`, ...),
and `record` (the run's record, for metrics that need the statistics).
"""
import math
from dataclasses import dataclass, field
from typing import Dict, List, Optional

SECTOR = 512
MIB = 1 << 20

METRICS = {
    # name: (axis label, description)
    "per_iter": ("cycles per iteration", "BENCH cycles / iters (a bare guest: the run's cycles)"),
    "cycles": ("cycles", "BENCH cycles (a bare guest: the run's cycles)"),
    "seconds": ("simulated seconds", "BENCH cycles / clock_hz"),
    "run_cycles": ("cycles (whole run)", "the run's total simulated cycles, boot included"),
    "instructions": ("instructions (whole run)", "the run's retired guest instructions"),
    "cpi": ("cycles per instruction", "run cycles / run instructions"),
    "mib_per_s": ("MiB/s (simulated)", "disk BENCH lines: iters x 512 B / simulated seconds"),
    "device_per_mib": ("device accesses per MiB", "MMIO accesses of the whole run / MiB moved by its disk BENCH lines"),
    "exits_per_mib": ("VM exits per MiB", "VM exits (VMM interventions) of the whole run / MiB moved"),
    "host_mips": ("host MIPS", "guest instructions per host second (a host measurement: not deterministic)"),
    "downtime_ms": ("downtime (ms, simulated)", "live migration: stop-and-copy time until the destination resumed"),
    "migration_ms": ("migration time (ms, simulated)", "live migration: pre-copy rounds plus downtime"),
    "pages_sent": ("pages sent", "live migration: 4 KiB pages sent in all rounds"),
    "precopy_rounds": ("pre-copy rounds", "live migration: rounds before stop-and-copy"),
}
MIGRATION_METRICS = {"downtime_ms": lambda m: m["downtime_s"] * 1e3, "migration_ms": lambda m: m["total_s"] * 1e3,
                     "pages_sent": lambda m: float(m["pages_sent"]), "precopy_rounds": lambda m: float(len(m["rounds"]))}
RELATIVE_LABELS = {"speed": "relative speed ({base} = 1)", "time": "relative time ({base} = 1)"}
BASE_FIELDS = ("experiment", "variant", "mode", "workload", "profile", "profile_name", "bench")


@dataclass
class Frame:
    rows: List[dict] = field(default_factory=list)
    missing: List[dict] = field(default_factory=list)      # runs that are not ok: params + status + reason

    @classmethod
    def from_records(cls, records, experiment: Optional[str] = None) -> "Frame":
        frame = cls()
        for record in records:
            p = record["params"]
            base = {"experiment": experiment or p.get("experiment"), "key": record["key"], "variant": p["variant"],
                    "mode": p["mode"], "workload": p["workload"], "profile": p["profile"],
                    "profile_name": p["profile_name"], "repeat": p["repeat"], **p["axes"]}
            if record["status"] != "ok":
                frame.missing.append({**base, "bench": None, "status": record["status"],
                                      "reason": record["reason"]})
                continue
            lines = record["bench"] or [{"name": p["workload"]}]
            for bench in lines:
                frame.rows.append({**base, "bench": bench["name"], "_bench": bench, "record": record})
        return frame

    def select(self, where: Optional[dict]) -> "Frame":
        if not where:
            return self
        return Frame([r for r in self.rows if matches(r, where)], [m for m in self.missing if matches(m, where)])

    def axes(self) -> List[str]:
        """The matrix-axis fields present in the rows (sorted)."""
        keys = set()
        for r in self.rows + self.missing:
            keys.update(k for k in r if "." in k)
        return sorted(keys)


def matches(row: dict, where: dict) -> bool:
    for key, wanted in where.items():
        value = row.get(key)
        if isinstance(wanted, list):
            if value not in wanted:
                return False
        elif value != wanted:
            return False
    return True


def metric(row: dict, name: str) -> Optional[float]:
    """The value of a metric for one row (None when it does not apply)."""
    record, bench = row["record"], row["_bench"]
    stats = record["stats"]
    clock = stats["profile"]["clock_hz"]
    bench_cycles = bench.get("cycles", stats["cycles"]["total"])
    iters = bench.get("iters", 1)
    if name == "per_iter":
        return bench_cycles / iters if iters else None
    if name == "cycles":
        return float(bench_cycles)
    if name == "seconds":
        return bench_cycles / clock
    if name == "run_cycles":
        return float(stats["cycles"]["total"])
    if name == "instructions":
        return float(stats["instructions"]["total"])
    if name == "cpi":
        return stats["cycles"]["total"] / stats["instructions"]["total"]
    if name == "mib_per_s":
        if not bench.get("name", "").startswith("disk_") or not bench_cycles:
            return None
        return iters * SECTOR / MIB / (bench_cycles / clock)
    if name in ("device_per_mib", "exits_per_mib"):
        moved = sum(b.get("iters", 0) * SECTOR for b in record["bench"] if b.get("name", "").startswith("disk_"))
        if not moved:
            return None
        if name == "device_per_mib":
            count = sum(d["reads"] + d["writes"] for d in stats["devices"].values())
        else:
            count = vm_exits(stats)
            if count is None:
                return None
        return count / (moved / MIB)
    if name == "host_mips":
        return record.get("host", {}).get("mips")
    if name in MIGRATION_METRICS:
        migration = stats.get("migration")
        return MIGRATION_METRICS[name](migration) if migration else None
    raise KeyError(f"unknown metric '{name}' (known: {', '.join(METRICS)})")


def vm_exits(stats: dict) -> Optional[int]:
    """VM exits (VMM interventions) of a run: `exits` of the mode's own statistics section
    (`stats["trap"]["exits"]`, an int or {"total": N}; `stats["vmm"]` is accepted too); 0 for
    native, which has no VMM; None when a mode does not report them."""
    for section in (stats.get(str(stats.get("mode"))), stats.get("vmm")):
        if isinstance(section, dict):
            exits = section.get("exits")
            if isinstance(exits, dict):
                exits = exits.get("total")
            if isinstance(exits, int):
                return exits
    return 0 if stats.get("mode") == "native" else None


@dataclass
class Point:
    """One plotted/tabulated value: the mean over repeats, its interval when repeats vary."""
    mean: float
    n: int
    varies: bool
    low: Optional[float] = None
    high: Optional[float] = None
    keys: List[str] = field(default_factory=list)


def combine_runs(rows: List[dict], fields: List[str]) -> List[dict]:
    """One row per (run, cell): BENCH lines of one run that fall in the same cell (e.g. the four
    lines of `disk` in a per-workload figure) become one row whose cycles and iterations are
    their sums, so a cell's values are per run and repeats stay the only source of spread."""
    out, index = [], {}
    for row in rows:
        cell = (row["key"],) + tuple(row.get(f) for f in fields)
        if cell not in index:
            index[cell] = len(out)
            out.append(row)
            continue
        first = out[index[cell]]
        a, b = first["_bench"], row["_bench"]
        merged = dict(a)
        merged["name"] = a.get("name") if a.get("name") == b.get("name") else _common_prefix(a.get("name"), b.get("name"))
        for k in ("cycles", "iters"):
            if k in a and k in b:
                merged[k] = a[k] + b[k]
        out[index[cell]] = {**first, "_bench": merged}
    return out


def _common_prefix(a, b):
    a, b = str(a), str(b)
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n] or a


def aggregate(values: List[float], keys: List[str], confidence: float = 0.95) -> Point:
    n = len(values)
    mean = math.fsum(values) / n
    varies = any(v != values[0] for v in values)
    point = Point(mean=mean, n=n, varies=varies, keys=list(keys))
    if varies and n > 1:
        from scipy import stats as st
        sem = st.sem(values)
        point.low, point.high = st.t.interval(confidence, n - 1, loc=mean, scale=sem)
    return point


def group(rows: List[dict], fields: List[str], metric_name: str, relative: Optional[dict] = None,
          relative_kind: str = "speed", all_rows: Optional[List[dict]] = None) -> Dict[tuple, Point]:
    """Points keyed by the values of `fields`, over repeats (and over anything not in `fields`
    that varies, which the caller avoids by choosing fields or `where`). With `relative`
    ({field: baseline value}), each value is divided by the matching baseline row's value."""
    buckets: Dict[tuple, list] = {}
    base_index = _baseline_index(all_rows or rows, relative, metric_name, fields) if relative else None
    for row in combine_runs(rows, fields):
        value = metric(row, metric_name)
        if value is None:
            continue
        if relative:
            base = base_index.get((_base_key(row, relative), row))
            if base is None or base == 0 or value == 0:
                continue
            value = base / value if relative_kind == "speed" else value / base
        buckets.setdefault(tuple(row.get(f) for f in fields), []).append((value, row["key"]))
    return {k: aggregate([v for v, _ in vs], sorted({key for _, key in vs})) for k, vs in buckets.items()}


MATCH_FIELDS = ("experiment", "workload", "profile", "bench", "variant", "repeat")


def _base_key(row, relative):
    return tuple(row.get(f) for f in MATCH_FIELDS if f not in relative)


def _baseline_index(rows, relative, metric_name, fields):
    """Baseline rows by their common fields; each with its axes, which a compared row must share.
    Baseline runs are combined over the same cell fields as the compared rows."""
    index = {}
    for row in combine_runs([r for r in rows if all(r.get(k) == v for k, v in relative.items())], fields):
        if all(row.get(k) == v for k, v in relative.items()):
            value = metric(row, metric_name)
            if value is not None:
                axes = {k: v for k, v in row.items() if "." in k and k not in relative}
                index.setdefault(_base_key(row, relative), []).append((axes, value))
    return _Baselines(index)


class _Baselines:
    """Finds the baseline of a row: same common fields, and the baseline's axes equal to the row's
    (a baseline run without an axis, e.g. native in a VM-exit sweep, serves every value of it)."""

    def __init__(self, index):
        self.index = index

    def get(self, key_and_row):
        key, row = key_and_row
        for axes, value in self.index.get(key, []):
            if all(row.get(k) == v for k, v in axes.items()):
                return value
        return None


def metric_label(name: str, relative: Optional[dict] = None, relative_kind: str = "speed") -> str:
    if relative:
        base = ", ".join(str(v) for v in relative.values())
        return RELATIVE_LABELS[relative_kind].format(base=base)
    return METRICS[name][0]


def determinism_note(points: List[Point], metric_name: str = "") -> str:
    """What the reader should know about variation: intervals where repeats vary, or why none."""
    if not points:
        return "No data yet."
    if metric_name == "host_mips":
        return ("A host measurement (wall-clock time of the emulator): it varies with the machine and its load; "
                "it is not part of the simulated results.")
    varying = [p for p in points if p.varies]
    ns = sorted({p.n for p in points})
    n_text = str(ns[0]) if len(ns) == 1 else f"{ns[0]}-{ns[-1]}"
    if varying:
        return (f"Values are means over {n_text} repeats; where repeats differ, error bars and ± show 95% "
                f"confidence intervals (Student t, scipy).")
    if ns == [1]:
        return ("Each value is one run. Simulated time is deterministic (a function of the guest's instruction "
                "stream and the cost profile), so repeats would be bit-identical: no confidence intervals.")
    return (f"Each value is {n_text} repeats that are bit-identical (simulated time is deterministic): "
            f"no confidence intervals.")


def ordered(values):
    """values without repeats, in first-seen order."""
    seen, out = set(), []
    for v in values:
        if v not in seen:
            seen.add(v)
            out.append(v)
    return out
