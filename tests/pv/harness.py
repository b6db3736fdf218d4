"""A pv VMM with the pv kernel loaded but not started, and helpers to build page tables in
its RAM, so tests can issue hypercalls the way the guest kernel would (core.hypercall_now
for the hypercalls the core serves, the VMM's handlers for the others)."""
import os

import pytest

from pyvirt.config import MachineConfig
from pyvirt.console import Console
from pyvirt.hypervisors import create
from tests.test_guest_kernel import KERNEL

KERNEL_PV = os.path.join(os.path.dirname(KERNEL), "kernel-pv.elf")
RAM_BASE = 0x8000_0000
RAM_SIZE = 128 << 20
FREE = 0x8400_0000                   # well above the kernel image: test frames live here
UART = 0x1000_0000
V, R, W, X, U, G, A, D = 1, 2, 4, 8, 0x10, 0x20, 0x40, 0x80
EPERM, EFAULT, EBUSY, ENODEV, EINVAL = -1, -14, -16, -19, -22
HC = dict(console_io=0, set_timer=1, set_callbacks=2, mmu_update=3, mmuext_op=4, switch_as=5, tlb_flush=6,
          multicall=7, event_channel_op=8, sched_op=9, ring_setup=10, memory_op=11, trap_return=12,
          update_va_mapping=13)
PIN_L0, UNPIN = 0, 3


def frame(n):
    """The guest-physical address of test frame n."""
    return FREE + n * 4096


def leaf(pa, flags=R | W | U | A | D):
    return ((pa >> 12) << 10) | V | flags


def link(pa):
    return ((pa >> 12) << 10) | V


def satp(root):
    return (8 << 60) | (root >> 12)


class PvTest:
    """vmm, core, bus and paging of a booted-but-not-running pv machine."""

    def __init__(self, tmp_path, drives=()):
        self.console = bytearray()
        config = MachineConfig(kernel=KERNEL_PV, mode="pv", profile="unit", drives=list(drives))
        self.vmm = create(config, console=Console(self))
        self.vmm.boot()
        self.core, self.bus, self.paging = self.vmm.core, self.vmm.board.bus, self.vmm.paging

    def write(self, data):                       # the console's output stream
        self.console += data

    def flush(self):
        pass

    def call(self, name, *args):
        return self.core.hypercall_now(HC[name], *args)

    def put(self, pa, value):
        self.bus.write_u64(pa, value)

    def get(self, pa):
        return self.bus.read_u64(pa)

    def requests(self, at, pairs):
        """Write mmu_update requests {ptr, val} at guest-physical address at."""
        for i, (ptr, val) in enumerate(pairs):
            self.put(at + 16 * i, ptr)
            self.put(at + 16 * i + 8, val)
        return at

    def pin(self, table, level):
        return self.call("mmuext_op", PIN_L0 + level, table)


@pytest.fixture
def pv(tmp_path):
    return PvTest(tmp_path)
