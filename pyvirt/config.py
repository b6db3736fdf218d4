"""MachineConfig: everything that defines one run (the CLI and the experiment harness build it)."""
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from pyvirt.errors import PyvirtError

DRIVE_INTERFACES = ("virtio", "pio", "pv")     # pv: the paravirtual block ring (--mode pv)
SHADOW_POLICIES = ("trace", "resync")
MMU_MODES = ("nested", "shadow")      # hvm memory virtualization


@dataclass
class MachineConfig:
    kernel: str                          # path of the guest ELF
    mode: str = "native"                 # native | trap | pv | hvm
    bios: str = "builtin"                # builtin (pyvirt SBI, kernel at 0x8020_0000 in S) | none (M at 0x8000_0000)
    mem_bytes: int = 128 << 20
    drives: List[str] = field(default_factory=list)   # drive specs: PATH or file=PATH,if=virtio|pio
    append: str = ""                     # /chosen/bootargs
    profile: str = "default"             # profile name (costmodel/profiles/NAME.toml) or a TOML path
    stats_path: Optional[str] = None     # write JSON statistics here
    stats_text: bool = False             # print a short text summary to stderr at the end
    max_insns: Optional[int] = None      # stop with a diagnostic after this many instructions
    tlb_entries: int = 64
    tlb_ways: int = 4
    # trap mode: shadow page tables
    shadow_policy: str = "trace"         # trace (write-protect guest tables) | resync (on sfence.vma)
    shadow_pool_bytes: int = 4 << 20     # VMM-private memory for shadow tables, after guest RAM
    shadow_roots: int = 32               # shadow roots (address space x view) cached at most
    shadow_flood_limit: int = 3          # trace: drop a table written this often unused (0: trace every write)
    # hvm mode: hardware assist (docs/hvm.md)
    mmu: str = "nested"                  # nested (two-stage translation) | shadow (shadow page tables)
    hvm: str = ""                        # VMCS controls and options, e.g. "extint=off,vpid=off,pwc=on"


def parse_drive(spec: str) -> Tuple[str, str]:
    """(path, interface) of a drive spec: `PATH`, or QEMU-style `file=PATH[,if=virtio|pio|pv]`."""
    if not spec.startswith("file="):
        return spec, "virtio"
    fields = dict(part.split("=", 1) if "=" in part else (part, "") for part in spec.split(","))
    unknown = sorted(set(fields) - {"file", "if"})
    if unknown:
        raise PyvirtError(f"drive '{spec}': unknown option '{unknown[0]}' (use file=PATH,if=virtio|pio|pv)")
    interface = fields.get("if", "virtio")
    if interface not in DRIVE_INTERFACES:
        raise PyvirtError(f"drive '{spec}': unknown interface '{interface}' (use virtio, pio or pv)")
    return fields["file"], interface
