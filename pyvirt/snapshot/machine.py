"""A VMM's complete state as snapshot sections, and back.

Sections (docs/snapshots.md): `meta` (pyvirt version, mode, instructions retired), `config`
(the MachineConfig without the output options), `profile` (the cost profile document),
`disks` (references + sha256), `machine` (hart, bus counters, devices, power state),
`firmware` (the built-in SBI, or null), `mode` (the VMM's own state: VMM.save_state()),
`ram` and `private` (guest RAM and the VMM-private memory, raw)."""
import dataclasses

import pyvirt
from pyvirt.config import MachineConfig
from pyvirt.costmodel.profile import profile_from_dict
from pyvirt.snapshot import codec, disks
from pyvirt.snapshot.format import SnapshotError

OUTPUT_FIELDS = ("stats_path", "stats_text")     # how a run reports, not what it simulates
DATA_SECTIONS = ("meta", "config", "profile", "disks", "machine", "firmware", "mode")
RAW_SECTIONS = ("ram", "private")
SECTION_TYPES = {"meta": (dict,), "config": (dict,), "profile": (dict,), "disks": (list,), "machine": (dict,),
                 "firmware": (dict, type(None)), "mode": (dict,)}


def capture(vmm) -> dict:
    """Every section of vmm's state {name: bytes}; call it between two slices of the run loop."""
    board = vmm.board
    sbi = getattr(vmm, "sbi", None)
    config = {k: v for k, v in dataclasses.asdict(vmm.config).items() if k not in OUTPUT_FIELDS}
    data = {
        "meta": {"pyvirt_version": pyvirt.__version__, "mode": vmm.mode, "instret": vmm.hart.instret},
        "config": config,
        "profile": vmm.profile.to_dict(),
        "disks": disks.describe(vmm.config.drives),
        "machine": {"hart": vmm.hart.get_state(), "bus": board.bus.get_state(),
                    "devices": {name: dev.get_state() for name, dev in board.devices.items()},
                    "power": [board.power.kind, board.power.code]},
        "firmware": sbi.get_state() if sbi is not None else None,
        "mode": vmm.save_state(),
    }
    sections = {name: codec.encode(value) for name, value in data.items()}
    sections["ram"] = board.bus.ram_bytes()
    sections["private"] = board.bus.private_bytes()
    return sections


def decode(sections: dict, path: str) -> dict:
    """The sections as plain data (raw ones as bytes); SnapshotError if one is missing or malformed."""
    missing = [name for name in DATA_SECTIONS + RAW_SECTIONS if name not in sections]
    if missing:
        raise SnapshotError(f"{path}: snapshot lacks section(s) {', '.join(missing)}")
    data = {name: sections[name] for name in RAW_SECTIONS}
    for name in DATA_SECTIONS:
        try:
            data[name] = codec.decode(sections[name])
        except ValueError as e:
            raise SnapshotError(f"{path}: section '{name}' is malformed ({e})") from None
        if not isinstance(data[name], SECTION_TYPES[name]):
            raise SnapshotError(f"{path}: section '{name}' is malformed (not a {SECTION_TYPES[name][0].__name__})")
    if not all(isinstance(d, dict) and isinstance(d.get("spec"), str) and isinstance(d.get("size"), int)
               and isinstance(d.get("sha256"), str) for d in data["disks"]):
        raise SnapshotError(f"{path}: section 'disks' is malformed")
    return data


def saved_config(data: dict, **overrides) -> MachineConfig:
    """The snapshot's MachineConfig with the output options (and any overrides) applied."""
    try:
        return MachineConfig(**{**data["config"], **overrides})
    except TypeError as e:
        raise SnapshotError(f"the snapshot's configuration does not fit this pyvirt ({e})") from None


def saved_profile(data: dict):
    """The cost profile the snapshot was taken with."""
    try:
        return profile_from_dict(data["profile"])
    except (KeyError, TypeError) as e:
        raise SnapshotError(f"the snapshot's cost profile is malformed ({e})") from None


def restore(vmm, data: dict) -> None:
    """Load the decoded state into vmm, freshly built from the saved config and not booted."""
    board, machine = vmm.board, data["machine"]
    try:
        if data["meta"]["mode"] != vmm.mode:
            raise ValueError(f"it is of mode '{data['meta']['mode']}', not '{vmm.mode}'")
        board.bus.load_memory(data["ram"], data["private"])
        if set(machine["devices"]) != set(board.devices):
            raise ValueError("the saved devices differ from this board's")
        for name, state in machine["devices"].items():
            board.devices[name].set_state(state)
        board.bus.set_state(machine["bus"])
        vmm.hart.set_state(machine["hart"])      # after the devices: the hart's lines are authoritative
        board.power.kind, board.power.code = machine["power"]
        if data["firmware"] is not None:
            vmm.sbi.set_state(data["firmware"])
        vmm.load_state(data["mode"])
    except (KeyError, IndexError, ValueError, TypeError, AttributeError) as e:
        raise SnapshotError(f"the snapshot's state does not fit this pyvirt ({type(e).__name__}: {e})") from None
    vmm.booted = True
