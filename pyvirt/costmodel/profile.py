"""Cost profiles: TOML files of cycles per instruction class and per event, each value sourced.

A profile file has these sections (docs/cost-model.md explains every key):
  [profile]  name, description, clock_hz
  [model]    optional model options: hypervisor = "bare-metal" (default) | "hosted";
             hvm = "NAME=VALUE,..." (hvm mode's VMCS controls, applied before --hvm)
  [cpi]      one `{ cycles = N, source = "..." }` table per instruction class in CPI_KEYS
  [events]   one such table per event in EVENT_KEYS
"""
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List

from pyvirt.errors import PyvirtError

PROFILES_DIR = Path(__file__).resolve().parent / "profiles"
MTIME_HZ = 10_000_000            # CLINT mtime frequency (QEMU virt timebase)

CPI_KEYS = ("alu", "mul", "div", "load", "store", "branch", "jump",
            "csr", "amo", "fence", "system")
EVENT_KEYS = ("trap_entry", "tlb_walk_ref", "device_access", "firmware_call",
              "vm_exit", "vm_entry", "hypercall", "world_switch", "host_io", "host_sched_delay",
              "vmm_exit", "vmm_decode", "vmm_emulate", "vmm_guest_pte_read", "vmm_shadow_pte_write",
              "vmm_inject", "pv_pte_validate", "pv_hypercall", "vmcs_read", "vmcs_write")
HEADER_KEYS = ("name", "description", "clock_hz")
HYPERVISOR_TYPES = ("bare-metal", "hosted")     # [model] hypervisor: type 1 vs type 2
MODEL_DEFAULTS = {"hypervisor": "bare-metal", "hvm": ""}
SECTIONS = {"cpi": CPI_KEYS, "events": EVENT_KEYS}
_NAME_RE = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    clock_hz: int
    cpi: Dict[str, int]          # instruction class -> cycles per instruction
    events: Dict[str, int]       # event -> cycles per occurrence
    sources: Dict[str, str]      # "cpi.alu" / "events.vm_exit" -> citation or estimate
    hypervisor: str = "bare-metal"   # [model] hypervisor: "bare-metal" (type 1) or "hosted" (type 2)
    hvm: str = ""                    # [model] hvm: VMCS controls (docs/hvm.md), applied before --hvm

    @property
    def cycles_per_tick(self) -> int:
        """Simulated cycles per mtime tick (mtime runs at 10 MHz)."""
        return self.clock_hz // MTIME_HZ

    def to_dict(self) -> dict:
        """Plain-data form for statistics files and experiment manifests."""
        return {
            "name": self.name,
            "description": self.description,
            "clock_hz": self.clock_hz,
            "cycles_per_tick": self.cycles_per_tick,
            "model": {"hypervisor": self.hypervisor, **({"hvm": self.hvm} if self.hvm else {})},
            "cpi": dict(self.cpi),
            "events": dict(self.events),
            "sources": dict(self.sources),
        }


def profile_from_dict(d: dict) -> Profile:
    """The Profile whose to_dict() is d (snapshots carry their cost profile)."""
    return Profile(name=d["name"], description=d["description"], clock_hz=d["clock_hz"], cpi=dict(d["cpi"]),
                   events=dict(d["events"]), sources=dict(d["sources"]), hypervisor=d["model"]["hypervisor"])


def available_profiles() -> List[str]:
    """Names of the profiles shipped in costmodel/profiles/, sorted."""
    return sorted(p.stem for p in PROFILES_DIR.glob("*.toml"))


def load_profile(name_or_path: str) -> Profile:
    """Load a profile by name (costmodel/profiles/NAME.toml) or by a path ending in .toml."""
    return _parse(_resolve(str(name_or_path)))


def profile_path(name_or_path: str) -> Path:
    """The file a profile name or path refers to (PyvirtError for an unknown name)."""
    return _resolve(str(name_or_path))


def _resolve(name_or_path: str) -> Path:
    if name_or_path.endswith(".toml"):
        return Path(name_or_path)
    if _NAME_RE.match(name_or_path) and (PROFILES_DIR / f"{name_or_path}.toml").is_file():
        return PROFILES_DIR / f"{name_or_path}.toml"
    known = ", ".join(available_profiles())
    raise PyvirtError(f"unknown profile '{name_or_path}' (available: {known}; or give a .toml file)")


def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except OSError as e:
        raise PyvirtError(f"{path}: cannot read profile: {e.strerror}") from None
    except tomllib.TOMLDecodeError as e:
        raise PyvirtError(f"{path}: invalid TOML: {e}") from None


def _parse(path: Path) -> Profile:
    doc = _read_toml(path)
    _check_keys(path, "", doc, ("profile",) + tuple(SECTIONS), optional=("model",))
    header = _table(path, "profile", doc["profile"])
    _check_keys(path, "profile.", header, HEADER_KEYS)
    model = _model(path, doc.get("model", {}))
    values, sources = {}, {}
    for section, keys in SECTIONS.items():
        table = _table(path, section, doc[section])
        _check_keys(path, f"{section}.", table, keys)
        values[section] = {k: _entry(path, f"{section}.{k}", table[k], sources) for k in keys}
    return Profile(
        name=_string(path, "profile.name", header["name"]),
        description=_string(path, "profile.description", header["description"]),
        clock_hz=_clock(path, header["clock_hz"]),
        cpi=values["cpi"],
        events=values["events"],
        sources=sources,
        hypervisor=model["hypervisor"],
        hvm=_string(path, "model.hvm", model["hvm"]) if model["hvm"] else "",
    )


def _check_keys(path: Path, prefix: str, table: dict, expected: tuple, optional: tuple = ()) -> None:
    """Every expected key present, optional ones allowed, nothing else; the error names the first offender."""
    for key in expected:
        if key not in table:
            raise PyvirtError(f"{path}: {prefix}{key}: missing")
    for key in table:
        if key not in expected and key not in optional:
            raise PyvirtError(f"{path}: {prefix}{key}: unknown key")


def _model(path: Path, value) -> dict:
    """The optional [model] table: model options with their defaults filled in."""
    table = _table(path, "model", value)
    _check_keys(path, "model.", table, (), optional=tuple(MODEL_DEFAULTS))
    model = {**MODEL_DEFAULTS, **table}
    if model["hypervisor"] not in HYPERVISOR_TYPES:
        raise PyvirtError(f"{path}: model.hypervisor: must be one of {', '.join(HYPERVISOR_TYPES)}, "
                          f"got {model['hypervisor']!r}")
    return model


def _table(path: Path, key: str, value) -> dict:
    if not isinstance(value, dict):
        raise PyvirtError(f"{path}: {key}: must be a table")
    return value


def _entry(path: Path, key: str, value, sources: dict) -> int:
    """Validate one `{ cycles = N, source = "..." }` value; record its source; return N."""
    table = _table(path, key, value)
    _check_keys(path, f"{key}.", table, ("cycles", "source"))
    cycles = table["cycles"]
    if not _is_int(cycles) or cycles < 0:
        raise PyvirtError(f"{path}: {key}.cycles: must be a non-negative integer, got {cycles!r}")
    sources[key] = _string(path, f"{key}.source", table["source"])
    return cycles


def _string(path: Path, key: str, value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise PyvirtError(f"{path}: {key}: must be a non-empty string")
    return value


def _clock(path: Path, value) -> int:
    """clock_hz must be a positive whole multiple of the 10 MHz mtime frequency."""
    if not _is_int(value) or value < MTIME_HZ or value % MTIME_HZ:
        raise PyvirtError(f"{path}: profile.clock_hz: must be a positive integer multiple of "
                          f"{MTIME_HZ} (the mtime frequency), got {value!r}")
    return value


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
