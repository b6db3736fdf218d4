"""Checkpoints: resume a snapshot as the start of another run of the same machine.

A checkpoint is a snapshot of a guest that waits for its command (experiments/console_boot.py):
every run started from it has the same configuration but for its outputs and file paths, and
differs from the others only in the console input it is typed afterwards."""
import dataclasses

from pyvirt.costmodel import load_profile
from pyvirt.hypervisors import create
from pyvirt.snapshot import disks, format, machine
from pyvirt.snapshot.format import SnapshotError

# what a checkpoint's user may change: the disk files (same contents), the paths of the guest
# image and of the profile (same contents), the limit and the outputs
RUN_FIELDS = ("kernel", "profile", "drives", "max_insns", "stats_path", "stats_text")


def resume(blob: bytes, config, console=None):
    """A VMM restored from checkpoint bytes for config, which may differ from the checkpoint's
    configuration in RUN_FIELDS only."""
    data = machine.decode(format.unpack(blob, "checkpoint"), "checkpoint")
    saved = machine.saved_config(data)
    for field in dataclasses.fields(saved):
        if field.name not in RUN_FIELDS and getattr(saved, field.name) != getattr(config, field.name):
            raise SnapshotError(f"checkpoint: {field.name} is {getattr(saved, field.name)!r}, the run asks for "
                                f"{getattr(config, field.name)!r}")
    if load_profile(config.profile).to_dict() != data["profile"]:
        raise SnapshotError("checkpoint: the run's cost profile differs from the checkpoint's")
    disks.verify(data["disks"], disks.rebind(data["disks"], config.drives))
    vmm = create(config, console=console, profile=machine.saved_profile(data))
    machine.restore(vmm, data)
    return vmm
