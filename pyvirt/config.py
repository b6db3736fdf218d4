"""MachineConfig: everything that defines one run (the CLI and the experiment harness build it)."""
from dataclasses import dataclass, field
from typing import List, Optional


@dataclass
class MachineConfig:
    kernel: str                          # path of the guest ELF
    mode: str = "native"                 # native | trap | pv | hvm
    bios: str = "builtin"                # builtin (pyvirt SBI, kernel at 0x8020_0000 in S) | none (M at 0x8000_0000)
    mem_bytes: int = 128 << 20
    drives: List[str] = field(default_factory=list)   # disk image files, one virtio-blk each
    append: str = ""                     # /chosen/bootargs
    profile: str = "default"             # profile name (costmodel/profiles/NAME.toml) or a TOML path
    stats_path: Optional[str] = None     # write JSON statistics here
    stats_text: bool = False             # print a short text summary to stderr at the end
    max_insns: Optional[int] = None      # stop with a diagnostic after this many instructions
    tlb_entries: int = 64
    tlb_ways: int = 4
