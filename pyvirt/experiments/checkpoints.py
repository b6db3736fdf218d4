"""Boot-once checkpoints for experiments (`[experiment] checkpoint = true`, docs/snapshots.md).

Console-booted runs (`console_at = N`, console_boot.py) that differ only in their workload
form a group: they boot with the same command line (`console`) and run the same instructions
up to N, where each is typed its own command. The first time a run of a group with two or
more runs is dispatched, the group is booted once to N and snapshotted there (with the
console output so far); every run of the group then starts from that checkpoint, so its
record is the one booting it gives."""
import json
import tempfile

from pyvirt.errors import PyvirtError
from pyvirt.experiments import console_boot
from pyvirt.experiments.execute import CaptureConsole, disk_path, machine_config
from pyvirt.hypervisors import create
from pyvirt.snapshot import format, machine

WORKLOAD_PARAMS = ("workload", "run", "repeat", "axes")     # axes: their machine effects are in config/overrides


def group_key(params: dict) -> str:
    """What a run shares with the other runs its checkpoint may start: everything but the workload."""
    return json.dumps({k: v for k, v in params.items() if k not in WORKLOAD_PARAMS}, sort_keys=True)


class Checkpoints:
    """Adds a checkpoint to the payloads of runs that share their group with another run."""

    def __init__(self, specs):
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
            self.made[key] = make(payload)
        return {**payload, "checkpoint": self.made[key]} if self.made[key] else payload


def make(payload: dict):
    """{snapshot, console, disks} of payload's run booted to its console_at (the snapshot's bytes,
    the console output so far, the scratch disks' contents: the guest may have written them), or
    None when its mode cannot be snapshotted or the guest is not at its prompt there (its runs
    then boot, and report that themselves)."""
    with tempfile.TemporaryDirectory(prefix="pyvirt-checkpoint-") as tmp:
        config, unknown = machine_config(payload, tmp)
        if unknown:
            return None
        console = CaptureConsole()
        try:
            vmm = create(config, console=console)
        except PyvirtError:
            return None
        try:
            console_boot.boot_to_prompt(vmm, console, payload["params"]["console_at"])
            snapshot = format.pack(machine.capture(vmm))
            return {"snapshot": snapshot, "console": bytes(console.buffer), "disks": _disks(tmp, payload)}
        except PyvirtError:
            return None
        finally:
            if vmm.paused:                        # (a guest that ended has closed its board)
                vmm.board.close()


def _disks(tmp, payload):
    """The contents of payload's scratch disks in tmp (machine_config wrote them there)."""
    contents = []
    for i in range(len(payload["params"]["drives"])):
        with open(disk_path(tmp, i), "rb") as f:
            contents.append(f.read())
    return contents
