"""pv mode: paravirtualization (docs/architecture.md, "The pv VMM"; ABI: docs/hypercall-abi.md).

The guest is the CONFIG_PARAVIRT build of the kernel (kernel-pv.elf). It runs on the physical
hart in U-mode on its own page tables, validated by the VMM (paging.pyx, direct paging), and
asks the VMM for everything privileged with hypercalls (core.pyx handles the frequent ones;
this file the console, event channels, rings, memory and shutdown). Device interrupts reach it
as events (events.py).
"""
from pyvirt.config import parse_drive
from pyvirt.errors import PyvirtError
from pyvirt.hypervisors.base import VMM
from pyvirt.hypervisors.pv.core import EXIT_PV_FATAL, EXIT_PV_SLOW, VMM_EVENTS, PvCore
from pyvirt.hypervisors.pv.blkback import BlockBackend
from pyvirt.hypervisors.pv.console import PvConsole
from pyvirt.hypervisors.pv.events import EventChannels
from pyvirt.hypervisors.pv.paging import DirectPaging
from pyvirt.machine.board import RAM_BASE

PRV_U = 0
HC_CONSOLE_IO, HC_EVENT_CHANNEL_OP, HC_SCHED_OP, HC_RING_SETUP = 0, 8, 9, 10
PV_DEV_BLOCK = 1
E_INVAL, E_NODEV = -22, -19
SHUTDOWN_POWEROFF, SHUTDOWN_CRASH = 0, 1
VMM_OWNED_DEVICES = ("clint", "plic")        # the timer and interrupt controller are the VMM's


class PvVMM(VMM):
    mode = "pv"

    def __init__(self, config, **kwargs):
        if config.bios != "builtin":
            raise PyvirtError("pv mode boots a CONFIG_PARAVIRT kernel itself; --bios none is not supported")
        super().__init__(config, **kwargs)
        bus = self.board.bus
        self.paging = DirectPaging(RAM_BASE, config.mem_bytes)
        self.core = PvCore(self.hart, bus, self.paging, self.profile.events)
        events = self.profile.events
        self.pv_console = PvConsole(self.console, self.core, bus)
        self.events = EventChannels(self.core, self.board.plic, bus, events["device_access"], self.pv_console)
        pv_drives = [path for path, interface in map(parse_drive, config.drives) if interface == "pv"]
        self.blkback = None
        if pv_drives:
            self.blkback = BlockBackend(pv_drives[0], self.core, bus, self.events,
                                        events["vmm_decode"] + events["vmm_emulate"], events["device_access"])
            self.board.disks.append(self.blkback)

    def boot(self):
        """Enter the kernel at its ELF entry in virtual S-mode (physical U-mode) with a0 = hart
        id 0 and a1 = the device tree, translation off, as SBI firmware would."""
        image = self.board.load_kernel()
        self.hart.reset(image.entry, PRV_U)
        self.hart.set_reg(10, 0)
        self.hart.set_reg(11, self.board.dtb_addr)
        allowed = 0
        for i, name in enumerate(self.board.bus.device_stats()):
            if name not in VMM_OWNED_DEVICES:
                allowed |= 1 << i
        self.core.configure(allowed)

    def run_slice(self, budget):
        return self.core.run(budget)

    def save_state(self):
        """The core (virtual CPU, counters), direct paging's frame table, the event channels,
        the block backend's ring and the console count (snapshots)."""
        return {"core": self.core.get_state(), "paging": self.paging.get_state(),
                "events": self.events.get_state(), "console": self.pv_console.get_state(),
                "block": self.blkback.get_state() if self.blkback else None}

    def load_state(self, state):
        self.paging.set_state(state["paging"])
        self.core.set_state(state["core"])
        self.events.set_state(state["events"])
        self.pv_console.set_state(state["console"])
        if (state["block"] is None) != (self.blkback is None):
            raise PyvirtError("the snapshot's pv block drive does not match this machine's")
        if self.blkback:
            self.blkback.set_state(state["block"])

    def poll_input(self):
        if self.input is not None:
            self.pv_console.feed(self.input.poll())

    def feed_input(self, data):
        self.pv_console.feed(data)

    def _handle(self, code):
        if code == EXIT_PV_SLOW:
            return self._slow()
        if code == EXIT_PV_FATAL:
            return self._stop(self.core.fatal)
        return super()._handle(code)

    def _slow(self):
        """Finish what the core handed over: a device interrupt or a Python-level hypercall."""
        if self.core.slow_kind == "irq":
            self.events.claim_device_interrupts()
            self.core.finish_slow()
            return None
        nr, a0, a1, a2, _, _, _ = self.core.slow_call()
        if nr == HC_SCHED_OP:                      # shutdown (the core serves the other sched_ops)
            return self._shutdown(a1)
        if nr == HC_CONSOLE_IO:
            result = self.pv_console.io(a0, a1, a2)
        elif nr == HC_EVENT_CHANNEL_OP:
            result = self.events.op(a0, a1)
        else:
            result = self._ring_setup(a0, a1, a2)
        self.core.finish_slow(result)
        return None

    def _ring_setup(self, device, ring, pages):
        if device != PV_DEV_BLOCK or self.blkback is None:
            return E_NODEV
        return self.blkback.setup(ring, pages)

    def _shutdown(self, reason):
        if reason not in (SHUTDOWN_POWEROFF, SHUTDOWN_CRASH):
            self.core.finish_slow(E_INVAL)
            return None
        self.core.finish_slow(0, resume=False)
        self.board.power.set("shutdown" if reason == SHUTDOWN_POWEROFF else "fail", reason)
        return self._power_status()

    def stats(self):
        """The common statistics with instructions and execution cycles by virtual mode, the
        guest's traps as upcalls, and a `pv` section (hypercalls, batches, events, VMM cycles)."""
        result = super().stats()
        core = self.core.stats(list(self.board.bus.device_stats()))
        result["physical_instructions"] = result["instructions"]
        result["instructions"] = dict(result["instructions"], user=core["instructions"]["user"],
                                      supervisor=core["instructions"]["supervisor"])
        by_cat = result["cycles"]["by_category"]
        by_cat.update(core["cycles"])
        for name, entry in core["reasons"].items():
            by_cat[f"vmm:{name}"] = entry["vmm_cycles"]
        result["pv"] = {
            "exits": sum(e["exits"] for e in core["reasons"].values()),
            "by_reason": core["reasons"],
            "hypercalls": core["hypercalls"],
            "mmu_update_batches": core["mmu_update_batches"],
            "multicall_batches": core["multicall_batches"],
            "upcalls": core["upcalls"],
            "mmio_exits": core["mmio_exits"],
            "events_raised": core["events_raised"],
            "event_channels": self.events.stats(),
            "paging": self.paging.stats(),
            "console": self.pv_console.stats(),
            "block": self.blkback.stats() if self.blkback else None,
            "vmm_events": {name: self.profile.events[name] for name in VMM_EVENTS},
        }
        return result

