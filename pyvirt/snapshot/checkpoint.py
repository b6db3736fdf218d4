"""Checkpoints: resume a snapshot taken early in a boot under another kernel command line.

The kernel reads its command line (/chosen/bootargs) from the device tree in RAM. Up to the
first instruction that reads the device tree, two boots that differ only in the command line
run the same instructions and hold the same state except the device tree's bytes. A
checkpoint taken there can therefore start any of them: restore it, write the device tree
built for the run's own command line over the checkpoint's, and continue. Whether a
checkpoint is that early is the caller's to check (experiments/checkpoints.py compares two
boots); a later one would silently run the checkpoint's command line."""
import dataclasses

from pyvirt.costmodel import load_profile
from pyvirt.hypervisors import create
from pyvirt.snapshot import disks, format, machine
from pyvirt.snapshot.format import SnapshotError

FDT_MAGIC = b"\xd0\x0d\xfe\xed"
# what a checkpoint's user may change: the command line, the disk files (same contents), the
# paths of the guest image and of the profile (same contents), the limit and the outputs
RUN_FIELDS = ("kernel", "profile", "append", "drives", "max_insns", "stats_path", "stats_text")


def resume(blob: bytes, config, console=None):
    """A VMM restored from checkpoint bytes for config, which may differ from the checkpoint's
    configuration in RUN_FIELDS only; its device tree carries config.append."""
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
    replace_device_tree(vmm)
    return vmm


def replace_device_tree(vmm) -> None:
    """Write the board's device tree (built for its command line) over the one in RAM at the
    same address, clearing whatever the old one covered beyond the new one's end."""
    board = vmm.board
    header = board.bus.read_bytes(board.dtb_addr, 8)
    if header[:4] != FDT_MAGIC:
        raise SnapshotError("checkpoint: no device tree where this board places its own")
    old_size = int.from_bytes(header[4:8], "big")
    board.bus.write_bytes(board.dtb_addr, board.dtb + bytes(max(0, old_size - len(board.dtb))))
