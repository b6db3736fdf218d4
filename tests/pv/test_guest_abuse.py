"""Hand-assembled pv guest kernels that misbehave: the VMM answers hypercalls with error codes
and stops a guest kernel that faults or touches a device the VMM owns, with a diagnostic and
exit status 3, never a host crash."""
import io

from pyvirt.config import MachineConfig
from pyvirt.console import Console
from pyvirt.hypervisors import create
from tests.elfutil import make_elf
from tests.machine import asm as A

ENTRY = 0x8020_0000
MSG = ENTRY + 0x800
RESULTS = ENTRY + 0x900


def run_guest(body, tmp_path):
    """Run body (a function adding code to an Asm at ENTRY) as a pv guest kernel."""
    p = A.Asm(ENTRY)
    body(p)
    code = p.assemble()
    image = code + bytes(0x800 - len(code)) + b"hi pv\n"
    path = tmp_path / "guest.elf"
    path.write_bytes(make_elf(image, paddr=ENTRY, vaddr=ENTRY, entry=ENTRY, memsz=0x1000))
    out = io.BytesIO()
    vmm = create(MachineConfig(kernel=str(path), mode="pv", profile="unit", max_insns=100_000),
                 console=Console(out))
    status = vmm.run()
    return status, out.getvalue(), vmm


def hypercall(p, nr, *args, store_at=None):
    for i, a in enumerate(args):
        p.emit(A.li(f"a{i}", a))
    p.emit(A.li("a7", nr))
    p.emit(A.ecall())
    if store_at is not None:
        p.emit(A.li("t0", store_at))
        p.emit(A.sd("a0", "t0", 0))


def test_console_then_shutdown(tmp_path):
    def body(p):
        hypercall(p, 0, 0, 6, MSG, store_at=RESULTS)               # console_io write
        hypercall(p, 0, 0, 1 << 20, MSG, store_at=RESULTS + 8)     # too long
        hypercall(p, 42, store_at=RESULTS + 16)                     # no such hypercall
        hypercall(p, 9, 2, 0)                                       # sched_op shutdown poweroff
    status, out, vmm = run_guest(body, tmp_path)
    assert status == 0 and out == b"hi pv\n"
    bus = vmm.board.bus
    assert [bus.read_u64(RESULTS + 8 * i) for i in range(3)] == [6, 2**64 - 22, 2**64 - 38]
    assert vmm.stats()["pv"]["hypercalls"]["console_io"]["count"] == 2


def test_crash_shutdown_is_a_failure(tmp_path):
    status, _, vmm = run_guest(lambda p: hypercall(p, 9, 2, 1), tmp_path)
    assert status == 1 and vmm.board.power.kind == "fail"


def test_touching_the_clint_stops_the_guest(tmp_path):
    def body(p):
        p.emit(A.li("t0", 0x0200_BFF8))
        p.emit(A.ld("t1", "t0", 0))
    status, _, vmm = run_guest(body, tmp_path)
    assert status == 3 and "pv guest kernel fault" in vmm.diagnostic


def test_uart_registers_are_emulated(tmp_path):
    def body(p):
        p.emit(A.li("t0", 0x1000_0000))
        p.emit(A.li("t1", ord("U")))
        p.emit(A.sb("t1", "t0", 0))                                 # THR: emulated, printed
        hypercall(p, 9, 2, 0)
    status, out, vmm = run_guest(body, tmp_path)
    assert status == 0 and out == b"U"
    assert vmm.stats()["pv"]["mmio_exits"] == {"uart": 1}


def test_privileged_instruction_stops_the_guest(tmp_path):
    status, _, vmm = run_guest(lambda p: p.emit(A.csrr("t0", "sstatus")), tmp_path)
    assert status == 3 and "cause 2" in vmm.diagnostic


def test_block_without_timer_or_events_is_reported(tmp_path):
    status, _, vmm = run_guest(lambda p: hypercall(p, 9, 1, 0), tmp_path)
    assert status == 3 and "can never arrive" in vmm.diagnostic
