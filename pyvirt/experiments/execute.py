"""Execute one run in the current process (a pool worker, a Dask worker or the main process).

`execute(payload)` takes everything a run needs as plain data — its parameters, the guest
image's bytes and the profile as TOML text — so a worker needs pyvirt installed but no access
to the results directory or the repository. It returns the run's record:

    key, params            the run specification (spec.RunSpec)
    status                 ok | failed (the guest failed or was stopped) | skipped (the mode or an
                           option is not implemented: create() raised PyvirtError) | error (host bug)
    reason                 why, for every status but ok
    exit_status            the guest's exit status (None when it did not run)
    bench, done            the parsed BENCH and DONE lines of the console (docs/guests.md)
    console                the guest's console output
    stats                  every statistic of the run (pyvirt.stats.collect)
    host                   wall-clock seconds, host MIPS and whether the run started from a
                           checkpoint: the only non-deterministic part

Everything but `host` is a function of the payload: the same payload gives the same record.
"""
import contextlib
import dataclasses
import io
import os
import re
import tempfile
import time
import traceback

from pyvirt.errors import PyvirtError
from pyvirt.experiments import console_boot
from pyvirt.snapshot.format import SnapshotError

RECORD_FORMAT = 1
HOST_KEYS = ("host",)
_FIELD_RE = re.compile(r"(\w+)=(\S+)")
_INT_RE = re.compile(r"^-?\d+$")
_FLOAT_RE = re.compile(r"^-?\d+\.\d+$")


class CaptureConsole:
    """Collects the guest's console output."""

    def __init__(self):
        self.buffer = bytearray()

    def write(self, data):
        self.buffer += data

    def flush(self):
        pass

    def text(self):
        return self.buffer.decode("utf-8", errors="replace")


def parse_lines(console: str, kind: str):
    """The `KIND key=value ...` lines of a console (BENCH, DONE), numbers converted."""
    out = []
    for line in console.splitlines():
        if not line.startswith(kind + " "):
            continue
        fields = {}
        for key, value in _FIELD_RE.findall(line):
            if _INT_RE.match(value):
                value = int(value)
            elif _FLOAT_RE.match(value):
                value = float(value)
            fields[key] = value
        out.append(fields)
    return out


def simulated(record: dict) -> dict:
    """The deterministic part of a record: everything but the host measurements."""
    return {k: v for k, v in record.items() if k not in HOST_KEYS}


def execute(payload: dict) -> dict:
    """Run one payload {key, params, image, profile_toml}; never raises (host errors -> status error)."""
    record = {"format": RECORD_FORMAT, "key": payload["key"], "params": payload["params"], "status": None,
              "reason": None, "exit_status": None, "bench": [], "done": [], "console": "", "stats": None,
              "host": {}}
    try:
        with tempfile.TemporaryDirectory(prefix="pyvirt-run-") as tmp:
            _run(payload, tmp, record)
    except Exception as e:      # a host-side bug must not kill the whole experiment
        record["status"] = "error"
        record["reason"] = f"{type(e).__name__}: {e}"
        record["host"]["traceback"] = traceback.format_exc()
    return record


def disk_path(tmp, i):
    """Where machine_config puts the run's scratch disk number i."""
    return os.path.join(tmp, f"disk{i}.img")


def machine_config(payload, tmp):
    """The run's MachineConfig, with its guest image, profile and scratch disks (zeros, or the
    contents in the payload's checkpoint) written to tmp;
    and the names of config options MachineConfig does not have (a mode not built yet)."""
    from pyvirt.config import MachineConfig

    params = payload["params"]
    kernel = os.path.join(tmp, os.path.basename(params["guest"]))
    with open(kernel, "wb") as f:
        f.write(payload["image"])
    profile = os.path.join(tmp, "profile.toml")
    with open(profile, "w") as f:
        f.write(payload["profile_toml"])
    saved = (payload.get("checkpoint") or {}).get("disks")
    drives = []
    for i, interface in enumerate(params["drives"]):
        with open(disk_path(tmp, i), "wb") as f:
            if saved:
                f.write(saved[i])               # the scratch disk as the checkpoint's boot left it
            else:
                f.truncate(params["disk_bytes"])
        drives.append(f"file={disk_path(tmp, i)},if={interface}")
    fields = {f.name for f in dataclasses.fields(MachineConfig)}
    options = {k: v for k, v in params["config"].items() if k in fields}
    unknown = sorted(set(params["config"]) - fields)
    if params.get("console_at") is not None:
        append = console_boot.COMMAND_LINE
    else:
        append = f"run {params['run']}" if params["run"] else ""
    config = MachineConfig(kernel=kernel, mode=params["mode"], bios=params["bios"], mem_bytes=params["mem_bytes"],
                           drives=drives, append=append,
                           profile=profile, max_insns=params["max_insns"], **options)
    return config, unknown


def _vmm(payload, config, console):
    """The run's VMM: booting, or resumed from the payload's checkpoint (snapshot/checkpoint.py,
    with the console output the checkpoint's boot printed)."""
    from pyvirt.hypervisors import create
    from pyvirt.snapshot import checkpoint

    saved = payload.get("checkpoint")
    if saved:
        console.write(saved["console"])
        return checkpoint.resume(saved["snapshot"], config, console)
    return create(config, console=console)


def _type(payload, vmm, console):
    """For a console-booted run: bring vmm to console_at (booting, unless it was resumed from
    the checkpoint there) and type the run's command line (console_boot.py)."""
    at = payload["params"].get("console_at")
    if at is None:
        return
    if not payload.get("checkpoint"):
        console_boot.boot_to_prompt(vmm, console, at)
    console_boot.type_command(vmm, payload["params"]["run"])


def _go(params, vmm, console):
    """Run vmm to the end, live-migrating it for a run with migration.* axes (in this process,
    migration/local.py): (the VMM the guest ended on, exit status, migration report or None)."""
    spec = params.get("migration")
    if not spec:
        return vmm, vmm.run(), None
    from pyvirt.migration.link import DEFAULT_LATENCY_US, DEFAULT_MBPS, Link
    from pyvirt.migration.local import run_migrated
    link = Link.from_units(spec.get("mbps", DEFAULT_MBPS), spec.get("latency_us", DEFAULT_LATENCY_US))
    return run_migrated(vmm, spec.get("at", 1), link, console)


def _run(payload, tmp, record):
    params = payload["params"]
    config, unknown = machine_config(payload, tmp)
    console = CaptureConsole()
    try:
        vmm = _vmm(payload, config, console)
    except SnapshotError:
        raise                       # a checkpoint that does not fit: a host error, not a skip
    except PyvirtError as e:
        record["status"], record["reason"] = "skipped", str(e)
        return
    if unknown:
        vmm.board.close()
        record["status"] = "skipped"
        record["reason"] = (f"mode '{params['mode']}' does not take option(s) {', '.join(unknown)} yet "
                            f"(not MachineConfig fields)")
        return
    start = time.perf_counter()
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            _type(payload, vmm, console)
            vmm, status, migration = _go(params, vmm, console)
    except console_boot.NotAtPrompt as e:
        if vmm.paused:                            # (a guest that ended has closed its board)
            vmm.board.close()
        record["status"], record["reason"], record["console"] = "failed", str(e), console.text()
        return
    except PyvirtError as e:                      # a mode that cannot be migrated yet
        record["status"], record["reason"] = "skipped", str(e)
        return
    seconds = time.perf_counter() - start
    stats = vmm.stats()
    stats["kernel"] = params["guest"]             # not the temporary path: results are location-free
    if params.get("migration"):
        stats["migration"] = migration            # None: the guest stopped before it could migrate
    record["exit_status"] = status
    record["console"] = console.text()
    record["bench"] = parse_lines(record["console"], "BENCH")
    record["done"] = parse_lines(record["console"], "DONE")
    record["stats"] = stats
    record["host"] = {"seconds": round(seconds, 6), "checkpoint": bool(payload.get("checkpoint")),
                      "mips": round(stats["instructions"]["total"] / seconds / 1e6, 3) if seconds > 0 else None}
    failed = [d for d in record["done"] if d.get("status") != 0]
    if status != 0 or failed or stats["exit"]["diagnostic"]:
        record["status"] = "failed"
        record["reason"] = stats["exit"]["diagnostic"] or (
            f"workload {failed[0].get('name')} exited with status {failed[0].get('status')}" if failed
            else f"guest exit status {status}")
    else:
        record["status"] = "ok"


def execute_parts(payload: dict, image: bytes) -> dict:
    """execute() with the guest image passed apart (Dask scatters each image once per worker)."""
    return execute({**payload, "image": image})
