"""Experiment definitions: a TOML file (experiments/*.toml, docs/experiments.md) -> an Experiment
whose `runs()` is the full, deterministically ordered list of run specifications.

A run specification (`RunSpec.params`) is plain data: the variant (a label for a mode plus its
options), the workload, the guest image, the profile and its overrides, MachineConfig options,
workload arguments and the repeat index. Its content hash (`RunSpec.key`, which also covers the
guest image's sha256 and the full profile contents) names the run's result file, so a finished
run is found again after an interruption and a changed parameter never reuses an old result.
"""
import hashlib
import itertools
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from pyvirt.errors import PyvirtError
from pyvirt.experiments import console_boot
from pyvirt.experiments import guests as guests_mod
from pyvirt.experiments import profiles as profiles_mod

MODES = ("native", "trap", "pv", "hvm")
DEFAULT_MAX_INSNS = 1_000_000_000
DEFAULT_DISK_BYTES = 4 << 20
SECTION_KEYS = ("experiment", "guest", "matrix", "variant", "workload", "figure", "table")
EXPERIMENT_KEYS = ("name", "title", "description", "repeats", "max_insns", "console_at", "checkpoint")
GUEST_KEYS = ("kernel", "bios", "mem", "disk_bytes")
VARIANT_KEYS = ("name", "mode", "config", "profile", "matrix", "kernel", "label")
WORKLOAD_KEYS = ("run", "guest", "drive", "label", "matrix", "modes")
AXIS_PREFIXES = ("config.", "arg.", "profile.", "cpi.", "events.", "model.", "migration.")
MIGRATION_KEYS = ("at", "mbps", "latency_us")     # migration.* axes: live-migrate the run (docs/migration.md)
FIGURE_KEYS = ("name", "kind", "title", "caption", "metric", "x", "hue", "panel", "where", "log", "relative_to",
               "relative", "ylabel", "normalize", "xlog")
FIGURE_KINDS = ("bars", "lines", "breakdown", "rounds")
TABLE_KEYS = ("name", "title", "caption", "rows", "columns", "metric", "where", "relative_to", "relative", "digits")
METRIC_NAMES = ("per_iter", "cycles", "seconds", "run_cycles", "instructions", "cpi", "mib_per_s", "device_per_mib",
                "exits_per_mib", "host_mips", "downtime_ms", "migration_ms", "pages_sent", "precopy_rounds")
_NAME_RE = re.compile(r"^[A-Za-z0-9_.+-]+$")
_SIZE_RE = re.compile(r"^(\d+)([KMG]?)$", re.IGNORECASE)


@dataclass(frozen=True)
class RunSpec:
    """One run: `params` (plain data, see the module docstring) and the content hash `key`."""
    params: dict
    key: str

    def label(self) -> str:
        p = self.params
        extra = " ".join(f"{k}={v}" for k, v in sorted(p["axes"].items()))
        return f"{p['variant']} / {p['workload']} / {p['profile']}" + (f" / {extra}" if extra else "") + \
            (f" / repeat {p['repeat']}" if p["repeat"] else "")


@dataclass
class Experiment:
    name: str
    title: str
    description: str
    path: Optional[Path]
    text: str
    repeats: int
    max_insns: int
    guest: dict
    variants: List[dict]
    workloads: List[dict]
    matrix: Dict[str, list]
    figures: List[dict] = field(default_factory=list)
    tables: List[dict] = field(default_factory=list)
    console_at: Optional[int] = None       # boot with `console`, type each run's command at instruction N
    checkpoint: bool = False               # boot once per group of runs to console_at, start each from there

    def runs(self) -> List[RunSpec]:
        """Every run of the matrix, in a fixed order: variant, profile, workload, axes, repeat.
        Axes are the [matrix] ones plus the variant's and the workload's own `matrix`."""
        specs, seen = [], set()
        axes = {k: v for k, v in self.matrix.items() if k not in ("profile", "variant", "workload")}
        for variant in self._selected_variants():
            for profile in self.matrix["profile"]:
                for workload in self._selected_workloads():
                    if workload["modes"] and variant["mode"] not in workload["modes"]:
                        continue
                    run_axes = {**axes, **variant.get("matrix", {}), **workload["matrix"]}
                    names = list(run_axes)
                    for values in itertools.product(*(run_axes[n] for n in names)):
                        combo = dict(zip(names, values))
                        for repeat in range(self.repeats):
                            spec = self._spec(variant, workload, profile, combo, repeat)
                            if spec.key not in seen:
                                seen.add(spec.key)
                                specs.append(spec)
        return specs

    def _selected_variants(self):
        wanted = self.matrix.get("variant")
        return [v for v in self.variants if wanted is None or v["name"] in wanted]

    def _selected_workloads(self):
        wanted = self.matrix.get("workload")
        return [w for w in self.workloads if wanted is None or w["label"] in wanted]

    def _spec(self, variant, workload, profile, combo, repeat) -> RunSpec:
        overrides = dict(variant.get("profile", {}))
        config = dict(variant.get("config", {}))
        args, migration = {}, {}
        for name, value in combo.items():
            if name.startswith("config."):
                config[name[len("config."):]] = value
            elif name.startswith("arg."):
                args[name[len("arg."):]] = value
            elif name.startswith("migration."):
                migration[_migration_key(name)] = value
            else:
                overrides[name] = value
        profile_doc = profiles_mod.derive(profile, overrides)
        try:
            run_text = workload["run"].format(**args) if workload["run"] is not None else None
        except (KeyError, IndexError, ValueError) as e:
            raise PyvirtError(f"workload '{workload['label']}': run template {workload['run']!r} needs an "
                              f"arg.NAME axis for {e}") from None
        guest = workload["guest"] or variant.get("kernel") or self.guest["kernel"]
        bios = "none" if guests_mod.is_bare(guest) else self.guest["bios"]
        guest = guests_mod.resolve_name(guest, variant["mode"])
        params = {
            "experiment": self.name,
            "variant": variant["name"],
            "mode": variant["mode"],
            "workload": workload["label"],
            "run": run_text,
            "guest": guest,
            "guest_sha256": guests_mod.sha256(guest),
            "bios": bios,
            "mem_bytes": self.guest["mem_bytes"],
            "drives": [workload["drive"]] if workload["drive"] else [],
            "disk_bytes": self.guest["disk_bytes"],
            "profile": profile,
            "profile_name": profile_doc["name"],
            "overrides": dict(sorted(overrides.items())),
            "config": dict(sorted(config.items())),
            "axes": dict(sorted(combo.items())),
            "max_insns": self.max_insns,
            "repeat": repeat,
        }
        if self.console_at is not None and run_text is not None:     # not for a bare guest
            console_boot.command_line(run_text)                     # init can read it whole
            params["console_at"] = self.console_at
        if migration:
            params["migration"] = dict(sorted(migration.items()))
        return RunSpec(params=params, key=run_key(params, profile_doc))


def _console(where, head) -> dict:
    """The experiment's console_at and checkpoint options (a checkpoint needs console_at)."""
    console_at = _positive(where, "experiment.console_at", head["console_at"]) if "console_at" in head else None
    checkpoint = head.get("checkpoint", False)
    if not isinstance(checkpoint, bool):
        raise PyvirtError(f"{where}: experiment.checkpoint: must be true or false")
    if checkpoint and console_at is None:
        raise PyvirtError(f"{where}: experiment.checkpoint: needs experiment.console_at (docs/snapshots.md)")
    return {"console_at": console_at, "checkpoint": checkpoint}


def _migration_key(axis: str) -> str:
    key = axis[len("migration."):]
    if key not in MIGRATION_KEYS:
        raise PyvirtError(f"axis {axis}: unknown migration parameter (expected one of {', '.join(MIGRATION_KEYS)})")
    return key


def run_key(params: dict, profile_doc: dict) -> str:
    """Content hash of a run: its parameters plus the full profile contents (16 hex digits)."""
    blob = json.dumps({"params": params, "profile": profile_doc}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def load(path, resolve: bool = True) -> Experiment:
    """Read and validate an experiment file; errors name the file and the offending key."""
    path = Path(path)
    try:
        text = path.read_text()
    except OSError as e:
        raise PyvirtError(f"{path}: cannot read experiment: {e.strerror}") from None
    return parse(text, path, resolve)


def parse(text: str, path: Optional[Path] = None, resolve: bool = True) -> Experiment:
    """Validate an experiment; with resolve, also every guest image and profile override it names."""
    where = str(path) if path else "<experiment>"
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise PyvirtError(f"{where}: invalid TOML: {e}") from None
    _only(where, "", doc, SECTION_KEYS)
    head = _table(where, "experiment", doc.get("experiment"))
    _only(where, "experiment.", head, EXPERIMENT_KEYS)
    name = head.get("name") or (path.stem if path else None)
    if not isinstance(name, str) or not _NAME_RE.match(name):
        raise PyvirtError(f"{where}: experiment.name: must be a name of letters, digits, '.', '_', '+', '-'")
    repeats = _positive(where, "experiment.repeats", head.get("repeats", 1))
    max_insns = _positive(where, "experiment.max_insns", head.get("max_insns", DEFAULT_MAX_INSNS))
    guest = _guest(where, doc.get("guest", {}))
    variants = _variants(where, doc.get("variant"))
    workloads = _workloads(where, doc.get("workload"), resolve)
    matrix = _matrix(where, doc.get("matrix", {}), variants, workloads, resolve)
    exp = Experiment(name=name, title=str(head.get("title", name)), description=str(head.get("description", "")),
                     path=path, text=text, repeats=repeats, max_insns=max_insns, guest=guest,
                     variants=variants, workloads=workloads, matrix=matrix,
                     figures=_outputs(where, "figure", doc.get("figure", []), FIGURE_KEYS),
                     tables=_outputs(where, "table", doc.get("table", []), TABLE_KEYS),
                     **_console(where, head))
    if resolve:
        exp.runs()        # resolve every guest and profile override now: errors before any run starts
    return exp


def _outputs(where, section, value, allowed) -> List[dict]:
    """[[figure]] / [[table]] sections: known keys, unique names, known kinds and metrics."""
    out, names = [], set()
    for i, item in enumerate(_list_of_tables(where, section, value)):
        _only(where, f"{section}[{i}].", item, allowed)
        name = item.get("name")
        if not isinstance(name, str) or not _NAME_RE.match(name) or name in names:
            raise PyvirtError(f"{where}: {section}[{i}].name: must be a unique name, got {name!r}")
        names.add(name)
        if item.get("metric", "per_iter") not in METRIC_NAMES:
            raise PyvirtError(f"{where}: {section}[{i}].metric: must be one of {', '.join(METRIC_NAMES)}")
        if section == "figure" and item.get("kind", "bars") not in FIGURE_KINDS:
            raise PyvirtError(f"{where}: figure[{i}].kind: must be one of {', '.join(FIGURE_KINDS)}")
        if item.get("relative", "speed") not in ("speed", "time"):
            raise PyvirtError(f"{where}: {section}[{i}].relative: must be speed or time")
        out.append(item)
    return out


def _guest(where, value) -> dict:
    table = _table(where, "guest", value)
    _only(where, "guest.", table, GUEST_KEYS)
    bios = table.get("bios", "builtin")
    if bios not in ("builtin", "none"):
        raise PyvirtError(f"{where}: guest.bios: must be builtin or none, got {bios!r}")
    return {"kernel": str(table.get("kernel", "kernel")), "bios": bios,
            "mem_bytes": _size(where, "guest.mem", table.get("mem", "128M")),
            "disk_bytes": _size(where, "guest.disk_bytes", table.get("disk_bytes", DEFAULT_DISK_BYTES))}


def _variants(where, value) -> List[dict]:
    if value is None:
        return [{"name": "native", "mode": "native", "config": {}, "profile": {}, "matrix": {}}]
    out, names = [], set()
    for i, raw in enumerate(_list_of_tables(where, "variant", value)):
        _only(where, f"variant[{i}].", raw, VARIANT_KEYS)
        mode = raw.get("mode", raw.get("name"))
        if mode not in MODES:
            raise PyvirtError(f"{where}: variant[{i}].mode: must be one of {', '.join(MODES)}, got {mode!r}")
        name = raw.get("name", mode)
        if not isinstance(name, str) or not _NAME_RE.match(name) or name in names:
            raise PyvirtError(f"{where}: variant[{i}].name: must be a unique name, got {name!r}")
        names.add(name)
        config = _table(where, f"variant[{i}].config", raw.get("config", {}))
        profile = _table(where, f"variant[{i}].profile", raw.get("profile", {}))
        for key in profile:
            profiles_mod.check_override_key(where, f"variant[{i}].profile", key)
        matrix = _table(where, f"variant[{i}].matrix", raw.get("matrix", {}))
        for key, values in matrix.items():
            _axis(where, f"variant[{i}].matrix", key, values)
        variant = {"name": name, "mode": mode, "config": dict(config), "profile": dict(profile),
                   "matrix": {k: list(v) for k, v in matrix.items()}}
        if "kernel" in raw:
            variant["kernel"] = str(raw["kernel"])
        if "label" in raw:
            variant["label"] = str(raw["label"])
        out.append(variant)
    return out


def _workloads(where, value, resolve=True) -> List[dict]:
    if value is None:
        raise PyvirtError(f"{where}: workload: at least one [[workload]] (or workload = [...]) is required")
    items = value if isinstance(value, list) else [value]
    out, modes_of = [], {}
    for i, raw in enumerate(items):
        if isinstance(raw, str):
            raw = {"run": raw}
        raw = _table(where, f"workload[{i}]", raw)
        _only(where, f"workload[{i}].", raw, WORKLOAD_KEYS)
        out.append(_workload(where, i, raw, resolve))
    for w in out:                # a label names one workload per mode (e.g. each mode's disk driver)
        modes = set(w["modes"] or MODES)
        if modes & modes_of.get(w["label"], set()):
            raise PyvirtError(f"{where}: workload label '{w['label']}' is used twice for the same mode "
                              "(give one a label, or disjoint `modes`)")
        modes_of[w["label"]] = modes_of.get(w["label"], set()) | modes
    return out


def _workload(where, i, raw, resolve=True) -> dict:
    """A kernel workload (`run = "NAME ARGS"`, appended as `run NAME ARGS`) or a bare guest."""
    guest = raw.get("guest")
    run = raw.get("run")
    if guest is None and run is None:
        raise PyvirtError(f"{where}: workload[{i}]: give run = \"NAME [ARGS]\" or guest = \"bare/NAME\"")
    if run is not None:
        if not isinstance(run, str) or not run.split():
            raise PyvirtError(f"{where}: workload[{i}].run: must be a non-empty string")
        if run.split()[0].startswith("bare/"):
            guest, run = run.split()[0], None
    if guest is not None:
        guest = str(guest)
        if resolve:
            guests_mod.resolve_name(guest, "native")    # validates the name now
    drive = raw.get("drive")
    if drive is None and run is not None:
        drive = _implied_drive(run)
    if drive not in (None, "virtio", "pio", "pv"):
        raise PyvirtError(f"{where}: workload[{i}].drive: must be virtio, pio or pv, got {drive!r}")
    label = raw.get("label") or (run.split()[0] if run is not None else guest.split("/")[-1])
    if not isinstance(label, str) or not _NAME_RE.match(label):
        raise PyvirtError(f"{where}: workload[{i}].label: must be a name, got {label!r}")
    matrix = _table(where, f"workload[{i}].matrix", raw.get("matrix", {}))
    for key, values in matrix.items():
        _axis(where, f"workload[{i}].matrix", key, values)
    modes = raw.get("modes", [])
    if not isinstance(modes, list) or any(m not in MODES for m in modes):
        raise PyvirtError(f"{where}: workload[{i}].modes: must be a list of modes ({', '.join(MODES)})")
    return {"label": label, "run": run, "guest": guest if run is None else raw.get("guest"), "drive": drive,
            "matrix": {k: list(v) for k, v in matrix.items()}, "modes": list(modes)}


def _implied_drive(run: str) -> Optional[str]:
    """The `disk` workload needs a scratch disk on the interface of its driver argument."""
    words = run.split()
    if words[0] != "disk":
        return None
    driver = words[1] if len(words) > 1 else "virtio"
    return driver if driver in ("pio", "pv") else "virtio"      # pv: the split driver's backend


def _matrix(where, value, variants, workloads, resolve=True) -> Dict[str, list]:
    table = _table(where, "matrix", value)
    matrix = {}
    for key, values in table.items():
        if key in ("profile", "variant", "workload"):
            if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
                raise PyvirtError(f"{where}: matrix.{key}: must be a non-empty list of names")
            matrix[key] = list(values)
        else:
            _axis(where, "matrix", key, values)
            matrix[key] = list(values)
    matrix.setdefault("profile", ["default"])
    for name in matrix["profile"] if resolve else []:
        profiles_mod.derive(name, {})                   # unknown profile -> error now
    known = {v["name"] for v in variants}
    for name in matrix.get("variant", []):
        if name not in known:
            raise PyvirtError(f"{where}: matrix.variant: no [[variant]] named '{name}'")
    labels = {w["label"] for w in workloads}
    for name in matrix.get("workload", []):
        if name not in labels:
            raise PyvirtError(f"{where}: matrix.workload: no workload labelled '{name}'")
    return matrix


def _axis(where, section, key, values):
    if not key.startswith(AXIS_PREFIXES):
        raise PyvirtError(f"{where}: {section}.{key}: an axis is profile, variant, workload or starts with "
                          f"{', '.join(AXIS_PREFIXES)}")
    if key.startswith(("profile.", "cpi.", "events.", "model.")):
        profiles_mod.check_override_key(where, section, key)
    if not isinstance(values, list) or not values:
        raise PyvirtError(f"{where}: {section}.{key}: must be a non-empty list")


def _only(where, prefix, table, allowed):
    for key in table:
        if key not in allowed:
            raise PyvirtError(f"{where}: {prefix}{key}: unknown key (expected one of {', '.join(allowed)})")


def _table(where, key, value) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PyvirtError(f"{where}: {key}: must be a table")
    return value


def _list_of_tables(where, key, value) -> List[dict]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise PyvirtError(f"{where}: {key}: must be an array of tables ([[{key}]])")
    return [dict(v) for v in value]


def _positive(where, key, value) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise PyvirtError(f"{where}: {key}: must be a positive integer, got {value!r}")
    return value


def _size(where, key, value) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    m = _SIZE_RE.match(str(value))
    if not m:
        raise PyvirtError(f"{where}: {key}: must be a size like 4096, 64K, 128M, got {value!r}")
    return int(m[1]) << {"": 0, "K": 10, "M": 20, "G": 30}[m[2].upper()]
