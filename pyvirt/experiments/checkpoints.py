"""Boot-once checkpoints for experiments (`[experiment] checkpoint_at = N`, docs/snapshots.md).

Runs that differ only in their workload (the kernel command line) form a group. The first
time a run of a group with two or more runs is dispatched, the group's first run is booted
to N instructions and snapshotted; every run of the group then starts from that checkpoint
with its own command line written into the device tree (snapshot/checkpoint.py). That is
only the same as booting when the guest has not read its command line by instruction N, so
the checkpoint is checked first: a second boot with a probe command line (another length,
other bytes) must reach exactly the same state at N outside the device tree."""
import json
import tempfile

from pyvirt.errors import PyvirtError
from pyvirt.experiments.execute import CaptureConsole, machine_config
from pyvirt.hypervisors import create
from pyvirt.machine.board import RAM_BASE
from pyvirt.snapshot import codec, format, machine

WORKLOAD_PARAMS = ("workload", "run", "repeat", "axes")     # axes: their machine effects are in config/overrides
PROBE_RUN = "checkpoint-probe; a command line of another length that no workload uses"
SAME_SECTIONS = ("machine", "firmware", "mode", "private")


def group_key(params: dict) -> str:
    """What a run shares with the other runs its checkpoint may start: everything but the workload."""
    return json.dumps({k: v for k, v in params.items() if k not in WORKLOAD_PARAMS}, sort_keys=True)


class Checkpoints:
    """Adds a checkpoint to the payloads of runs that share their group with another run."""

    def __init__(self, at: int, specs):
        self.at = at
        self.sizes = {}
        for spec in specs:
            key = group_key(spec.params)
            self.sizes[key] = self.sizes.get(key, 0) + 1
        self.made = {}

    def add(self, payload: dict) -> dict:
        """payload, with the checkpoint of its group when the group has two or more runs."""
        key = group_key(payload["params"])
        if self.sizes.get(key, 0) < 2:
            return payload
        if key not in self.made:
            self.made[key] = make(payload, self.at)
        return {**payload, "checkpoint": self.made[key]} if self.made[key] else payload


def make(payload: dict, at: int):
    """The checkpoint bytes of payload's run at instruction `at`, or None when its mode cannot
    be snapshotted (its runs then boot); PyvirtError when the checkpoint would not be valid."""
    try:
        first, first_dtb = _boot(payload, at)
        probe, probe_dtb = _boot({**payload, "params": {**payload["params"], "run": PROBE_RUN}}, at)
    except _NoSnapshot:
        return None
    if not _same_outside(first, probe, [first_dtb, probe_dtb]):
        raise PyvirtError(f"checkpoint_at {at}: by then the guest has read its command line (a boot with another "
                          f"command line is in another state), so one checkpoint cannot start different "
                          f"workloads; choose a smaller checkpoint_at (docs/snapshots.md)")
    return format.pack(first)


class _NoSnapshot(Exception):
    """The run's mode cannot be snapshotted (not built, or no snapshot support yet)."""


def _boot(payload: dict, at: int):
    """(snapshot sections, (device tree address, size)) of the run booted to `at` instructions."""
    with tempfile.TemporaryDirectory(prefix="pyvirt-checkpoint-") as tmp:
        config, unknown = machine_config(payload, tmp)
        if unknown:
            raise _NoSnapshot()
        try:
            vmm = create(config, console=CaptureConsole())
        except PyvirtError:
            raise _NoSnapshot() from None
        vmm.pause_at = at
        try:
            vmm.run()
            if not vmm.paused:
                raise PyvirtError(f"checkpoint_at {at}: the guest ended after {vmm.hart.instret} instructions")
            try:
                sections = machine.capture(vmm)
            except PyvirtError:
                raise _NoSnapshot() from None
        finally:
            vmm.board.close()
        return sections, (vmm.board.dtb_addr, len(vmm.board.dtb))


def _same_outside(a: dict, b: dict, regions) -> bool:
    """Whether two boots' sections agree everywhere but in the device-tree regions of RAM."""
    if any(a[name] != b[name] for name in SAME_SECTIONS):
        return False
    if [d["sha256"] for d in codec.decode(a["disks"])] != [d["sha256"] for d in codec.decode(b["disks"])]:
        return False
    ram_a, ram_b = bytearray(a["ram"]), bytearray(b["ram"])
    for addr, size in regions:
        start = addr - RAM_BASE
        ram_a[start:start + size] = bytes(size)
        ram_b[start:start + size] = bytes(size)
    return ram_a == ram_b
