"""The hvm VMCS controls and options: defaults per --mmu, and the `--hvm NAME=VALUE,...` spec.

Switches (on|off): extint, intwin, wfi, satp, vmcall, sfence, vpid, pwc. Values: preempt=CYCLES
(0: off), exceptions=none|C+C+... (exception causes), csr=none|m|ITEM+ITEM+... (ITEM: m = every
M-level CSR, or a CSR name/number with :r, :w or :rw, default rw), mmio=all|none|DEV+DEV+...
(device regions whose accesses exit), ept-page=4k|2m|1g (largest second-stage page).
"""
from dataclasses import asdict, dataclass, replace
from typing import Tuple

from pyvirt.errors import PyvirtError
from pyvirt.hypervisors.trap.vmm import CSR_NAMES

SWITCHES = ("extint", "intwin", "wfi", "satp", "vmcall", "sfence", "vpid", "pwc")
EPT_PAGES = {"4k": 0, "2m": 1, "1g": 2}       # leaf level of the largest second-stage page
CSR_NUMBERS = {name: num for num, name in CSR_NAMES.items()}
PAGE_FAULTS = (12, 13, 15)
MAX_PREEMPT = 1 << 48            # cycles: far beyond any run, and no overflow of the cycle counter
PMP_CSRS = range(0x3A0, 0x3F0)


@dataclass(frozen=True)
class Controls:
    extint: bool = True            # external-interrupt exiting
    intwin: bool = True            # interrupt-window exiting
    wfi: bool = True               # wfi exiting
    satp: bool = False             # satp-write exiting
    vmcall: bool = True            # ecall-from-S (SBI) exiting
    sfence: bool = False           # sfence.vma exiting
    vpid: bool = True              # tag TLB entries with a VPID (off: flush at every entry and exit)
    pwc: bool = False              # page-walk cache for the second-stage translation of guest tables
    preempt: int = 0               # preemption timer, cycles per entry (0: off)
    exceptions: Tuple[int, ...] = ()
    csr: Tuple[Tuple[int, bool, bool], ...] = (("m", True, True),)
    mmio: Tuple[str, ...] = ("all",)
    ept_page: str = "4k"

    def to_dict(self):
        """Plain data for the statistics (CSR numbers in hex)."""
        d = asdict(self)
        d["csr"] = [f"{item if item == 'm' else hex(item)}:{'r' if r else ''}{'w' if w else ''}"
                    for item, r, w in self.csr]
        d["exceptions"], d["mmio"] = list(self.exceptions), list(self.mmio)
        return d

    def csr_bits(self):
        """The CSR bitmap as (number, read, write) triples (a number may repeat: the union)."""
        bits = []
        for item, read, write in self.csr:
            numbers = [n for n in range(4096) if (n >> 8) & 3 == 3] if item == "m" else [item]
            bits.extend((n, read, write) for n in numbers)
        return bits

    def mmio_mask(self, region_names):
        """The bus regions (bit per region, in map order) whose accesses exit."""
        unknown = sorted(set(self.mmio) - set(region_names) - {"all"})
        if unknown:
            raise PyvirtError(f"--hvm: mmio: no device '{unknown[0]}' (devices: {', '.join(region_names)})")
        return sum(1 << i for i, name in enumerate(region_names) if "all" in self.mmio or name in self.mmio)


def defaults(mmu):
    """The controls a VMM sets for this memory virtualization: shadow paging needs satp-write,
    sfence.vma and page-fault exits."""
    if mmu == "shadow":
        return Controls(satp=True, sfence=True, exceptions=PAGE_FAULTS)
    return Controls()


def for_shadow(controls, policy):
    """The controls shadow paging cannot do without, added: page faults in the exception
    bitmap and writes of the PMP CSRs (the guest's PMP shapes the shadow leaves) in the CSR
    bitmap. Turning satp-write exiting off, sfence.vma exiting under the resync policy (which
    resyncs there), or passing a device through (the shadow maps no device), is an error."""
    needed = ("satp", "sfence") if policy == "resync" else ("satp",)
    off = [name for name in needed if not getattr(controls, name)]
    if off:
        raise PyvirtError(f"--hvm: {off[0]}=off: --mmu shadow needs {off[0]} exiting")
    if controls.mmio != ("all",):
        raise PyvirtError("--hvm: mmio: --mmu shadow needs mmio=all (shadow tables map no device)")
    pmp = tuple((num, False, True) for num in PMP_CSRS)
    return replace(controls, exceptions=tuple(sorted(set(controls.exceptions) | set(PAGE_FAULTS))),
                   csr=controls.csr + pmp)


def _switch(name, value):
    if value not in ("on", "off"):
        raise PyvirtError(f"--hvm: {name}={value}: expected on or off")
    return value == "on"


def _number(name, text):
    try:
        return int(text, 0)
    except ValueError:
        raise PyvirtError(f"--hvm: {name}: '{text}' is not a number") from None


def _exceptions(value):
    if value == "none":
        return ()
    causes = tuple(_number("exceptions", c) for c in value.split("+"))
    bad = [c for c in causes if not 0 <= c < 16 or c in (10, 14)]
    if bad:
        raise PyvirtError(f"--hvm: exceptions: {bad[0]} is not an exception cause")
    return causes


def _csr_item(text):
    name, _, access = text.partition(":")
    if access not in ("", "r", "w", "rw"):
        raise PyvirtError(f"--hvm: csr: '{text}': access must be r, w or rw")
    if name == "m":
        num = "m"
    else:
        num = CSR_NUMBERS[name] if name in CSR_NUMBERS else _number("csr", name)
        if not 0 <= num < 4096:
            raise PyvirtError(f"--hvm: csr: {name} is not a CSR number")
    return (num, access in ("", "r", "rw"), access in ("", "w", "rw"))


def parse(spec, mmu):
    """Controls for mmu with the `--hvm` spec's overrides applied."""
    controls = defaults(mmu)
    if not spec:
        return controls
    changes = {}
    for item in spec.split(","):
        name, sep, value = item.partition("=")
        if not sep or not value:
            raise PyvirtError(f"--hvm: '{item}': expected NAME=VALUE")
        if name in SWITCHES:
            changes[name] = _switch(name, value)
        elif name == "preempt":
            changes[name] = _number(name, value)
            if not 0 <= changes[name] <= MAX_PREEMPT:
                raise PyvirtError(f"--hvm: preempt: must be between 0 and {MAX_PREEMPT}")
        elif name == "exceptions":
            changes[name] = _exceptions(value)
        elif name == "csr":
            changes[name] = () if value == "none" else tuple(_csr_item(t) for t in value.split("+"))
        elif name == "mmio":
            changes[name] = () if value == "none" else tuple(value.split("+"))
        elif name == "ept-page":
            if value not in EPT_PAGES:
                raise PyvirtError(f"--hvm: ept-page={value}: expected one of {', '.join(EPT_PAGES)}")
            changes["ept_page"] = value
        else:
            raise PyvirtError(f"--hvm: unknown control '{name}' (known: {', '.join(SWITCHES)}, preempt, "
                              f"exceptions, csr, mmio, ept-page)")
    return replace(controls, **changes)
