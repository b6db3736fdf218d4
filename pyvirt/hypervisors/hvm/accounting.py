"""Cycle accounting and statistics of the hvm VMM: every exit is charged the hardware's
`vm_exit`, the VMM's work per operation (profile events, docs/cost-model.md) and, when the
guest is entered again, `vm_entry`; each cycle lands in a category of its own."""
import copy

from pyvirt.hypervisors.trap.vmm import INTERRUPT_NAMES, csr_name
from pyvirt.machine.vmx import REASON_NAMES

# work(...) keyword -> profile event charged once per unit
WORK_EVENTS = {"vmcs_reads": "vmcs_read", "vmcs_writes": "vmcs_write", "decode": "vmm_decode",
               "emulate": "vmm_emulate", "inject": "vmm_inject", "guest_pte_reads": "vmm_guest_pte_read",
               "shadow_pte_writes": "vmm_shadow_pte_write"}
# the counters (snapshots); the rest is the current exit's, complete between two slices
STATE = ("by_reason", "csr", "devices", "irqs", "exits", "entries", "inject_cycles", "host_exits", "host_cycles")


class ExitAccounting:
    """Charges exits, entries and VMM work on the hart (through vmx) and counts them."""

    def __init__(self, vmx, profile, controls):
        self.vmx = vmx
        self.events = profile.events
        self.flush = not controls.vpid
        hosted = getattr(profile, "hypervisor", "bare-metal") == "hosted"
        ev = profile.events
        self.host_cost = 2 * ev["world_switch"] + ev["host_io"] + ev["host_sched_delay"] if hosted else 0
        self.by_reason = {}            # reason name -> [exits, VMM cycles]
        self.csr = {}                  # CSR name -> exits
        self.devices = {}              # device name -> [exits, VMM cycles]
        self.irqs = {}                 # interrupt name -> injections
        self.exits = self.entries = self.inject_cycles = 0
        self.host_exits = self.host_cycles = 0
        self._reason = None
        self._device = None
        self._work = 0

    def exit_begin(self, reason):
        """A VM exit: the hardware's part (and the TLB flush without VPID)."""
        self.vmx.charge(self.events["vm_exit"])
        if self.flush:
            self.vmx.flush_tlb()
        self.exits += 1
        self._reason = REASON_NAMES[reason]
        self._device = None
        self._work = 0

    def work(self, fixed="vmm_exit", **units):
        """The VMM's work for this exit: its fixed path (vmm_exit, or hypercall for an SBI call)
        plus units of each operation (WORK_EVENTS)."""
        cycles = self.events[fixed] + sum(n * self.events[WORK_EVENTS[k]] for k, n in units.items())
        self.vmx.charge(cycles)
        self._work += cycles

    def rename(self, name):
        """Attribute this exit to the VMM-level reason name (a page fault's outcome)."""
        self._reason = name

    def csr_exit(self, num):
        name = csr_name(num)
        self.csr[name] = self.csr.get(name, 0) + 1

    def device_exit(self, name):
        self._device = name

    def host_pass(self):
        """One pass through the host OS (hosted profiles: a device model or host I/O)."""
        if self.host_cost:
            self.vmx.charge(self.host_cost)
            self.host_exits += 1
            self.host_cycles += self.host_cost

    def exit_end(self):
        entry = self.by_reason.setdefault(self._reason, [0, 0])
        entry[0] += 1
        entry[1] += self._work
        if self._device is not None:
            dev = self.devices.setdefault(self._device, [0, 0])
            dev[0] += 1
            dev[1] += self._work

    def injected(self, irq):
        """Event injection at VM entry."""
        cycles = self.events["vmm_inject"] + self.events["vmcs_write"]
        self.vmx.charge(cycles)
        self.inject_cycles += cycles
        name = INTERRUPT_NAMES.get(irq, f"irq{irq}")
        self.irqs[name] = self.irqs.get(name, 0) + 1

    def entry(self):
        """A VM entry: the hardware's part (and the TLB flush without VPID)."""
        self.vmx.charge(self.events["vm_entry"])
        if self.flush:
            self.vmx.flush_tlb()
        self.entries += 1

    def get_state(self):
        """The counters as plain data (dict orders kept: they order the statistics)."""
        return copy.deepcopy({name: getattr(self, name) for name in STATE})

    def set_state(self, st):
        """Restore get_state()."""
        for name in STATE:
            setattr(self, name, copy.deepcopy(st[name]))

    def add_stats(self, result):
        """Add the cycle categories and the `hvm` section to the statistics."""
        ev = self.events
        by_cat = result["cycles"]["by_category"]
        by_cat["vm_exit"] = self.exits * ev["vm_exit"]
        by_cat["vm_entry"] = self.entries * ev["vm_entry"]
        for name, (_, cycles) in self.by_reason.items():
            by_cat[f"vmm:{name}"] = cycles
        if self.inject_cycles:
            by_cat["vmm:inject"] = self.inject_cycles
        if self.host_cycles:
            by_cat["host"] = self.host_cycles
        nested = self.vmx.counters()
        walk_refs = result["tlb"]["walk_refs"]
        result["hvm"] = {
            "exits": self.exits,
            "entries": self.entries,
            "vm_exit_cycles": by_cat["vm_exit"],
            "vm_entry_cycles": by_cat["vm_entry"],
            "by_reason": {name: {"exits": n, "vmm_cycles": c, "vm_exit_cycles": n * ev["vm_exit"]}
                          for name, (n, c) in sorted(self.by_reason.items())},
            "csr_exits": dict(sorted(self.csr.items())),
            "mmio_exits": {name: {"exits": n, "vmm_cycles": c} for name, (n, c) in sorted(self.devices.items())},
            "injected": dict(sorted(self.irqs.items())),
            "host_exits": self.host_exits,
        }
        if nested["walks_2d"]:
            result["hvm"]["nested"] = {**nested, "guest_refs": walk_refs - nested["ept_refs"]}
