"""pyvirt's built-in SBI (RISC-V Supervisor Binary Interface v2.0, as OpenSBI provides it).

The firmware owns M-mode: it sets up delegation like OpenSBI, starts the kernel in S-mode at
its entry with a0 = hart id and a1 = the device tree, and serves the kernel's `ecall`s from the
host side (the hart exits with EXIT_MTRAP instead of entering an M-mode handler). Each call is
charged the profile's `firmware_call` cost. Extensions: base, legacy (0x00-0x08), TIME, IPI,
RFENCE, HSM (one hart), SRST, DBCN.
"""
from pyvirt.errors import GuestMemoryError

SBI_SUCCESS = 0
SBI_ERR_FAILED = -1
SBI_ERR_NOT_SUPPORTED = -2
SBI_ERR_INVALID_PARAM = -3
SBI_ERR_INVALID_ADDRESS = -5
SBI_ERR_ALREADY_AVAILABLE = -6

EXT_BASE = 0x10
EXT_TIME = 0x54494D45
EXT_IPI = 0x735049
EXT_RFENCE = 0x52464E43
EXT_HSM = 0x48534D
EXT_SRST = 0x53525354
EXT_DBCN = 0x4442434E
LEGACY_SHUTDOWN = 0x08

SPEC_VERSION = 2 << 24            # SBI 2.0
IMPL_ID = 0x7079                  # "py": not one of the registered implementation ids
IMPL_VERSION = 1

CSR_MSTATUS, CSR_MEDELEG, CSR_MIDELEG, CSR_MCOUNTEREN, CSR_MENVCFG = 0x300, 0x302, 0x303, 0x306, 0x30A
CSR_MIP, CSR_PMPCFG0, CSR_PMPADDR0, CSR_STIMECMP = 0x344, 0x3A0, 0x3B0, 0x14D
MIP_SSIP = 1 << 1
ECALL_FROM_S = 9
MASK64 = (1 << 64) - 1
# OpenSBI's delegation: misaligned fetch, breakpoint, ecall from U, and the page faults;
# pyvirt's hardware handles misaligned loads/stores, so those are delegated too.
MEDELEG = (1 << 0) | (1 << 1) | (1 << 2) | (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7) | \
          (1 << 8) | (1 << 12) | (1 << 13) | (1 << 15)
MIDELEG = (1 << 1) | (1 << 5) | (1 << 9)


class FirmwareTrap(Exception):
    """A trap reached M-mode that the firmware does not serve (the guest is stopped)."""


class Sbi:
    """The SBI implementation bound to one board.

    `cpu` is the hart whose M-mode the firmware owns (default: the board's hart). It needs
    get_reg/set_reg, read_csr/write_csr (raw), pc and priv setters, firmware_owns_m,
    exit_cause/exit_tval/exit_pc, charge_firmware_call, complete_mtrap, flush_tlb and
    request_stop: the Hart itself natively, an adapter over the virtual hart in trap mode."""

    def __init__(self, board, cpu=None):
        self.board = board
        self.hart = cpu if cpu is not None else board.hart
        self.calls = {}          # "ext/fid" -> count, in first-call order

    def get_state(self):
        """The firmware's state as plain data: its call counters (HSM has one always-started
        hart, so nothing else changes)."""
        return {"calls": dict(self.calls)}

    def set_state(self, state):
        self.calls = dict(state["calls"])

    def boot(self, entry):
        """Set up M-mode like OpenSBI and enter the kernel in S-mode at entry."""
        hart = self.hart
        hart.write_csr(CSR_MEDELEG, MEDELEG)
        hart.write_csr(CSR_MIDELEG, MIDELEG)
        hart.write_csr(CSR_MCOUNTEREN, 0x7)           # cycle, time, instret readable below M
        hart.write_csr(CSR_MENVCFG, 1 << 63)          # Sstc: S-mode owns stimecmp
        hart.write_csr(CSR_PMPADDR0, (1 << 54) - 1)   # PMP entry 0: all memory, RWX (NAPOT)
        hart.write_csr(CSR_PMPCFG0, 0x1F)
        hart.firmware_owns_m = True
        hart.set_reg(10, 0)
        hart.set_reg(11, self.board.dtb_addr)
        hart.pc = entry
        hart.priv = 1

    def handle_trap(self):
        """Serve the M-mode trap the hart exited with; raise FirmwareTrap if it is not an SBI call."""
        hart = self.hart
        if hart.exit_cause != ECALL_FROM_S:
            raise FirmwareTrap(f"trap into the built-in firmware: mcause=0x{hart.exit_cause:x} "
                               f"mtval=0x{hart.exit_tval:x} pc=0x{hart.exit_pc:x}")
        hart.charge_firmware_call()
        ext, fid = hart.get_reg(17), hart.get_reg(16)
        key = f"0x{ext:x}/{fid}"
        self.calls[key] = self.calls.get(key, 0) + 1
        args = [hart.get_reg(10 + i) for i in range(6)]
        if ext <= LEGACY_SHUTDOWN:
            result = self._legacy(ext, args)
            if result is not None:
                hart.set_reg(10, result & MASK64)
        else:
            error, value = self._dispatch(ext, fid, args)
            hart.set_reg(10, error & MASK64)
            hart.set_reg(11, value & MASK64)
        hart.complete_mtrap(hart.exit_pc + 4)

    def _dispatch(self, ext, fid, args):
        handler = {EXT_BASE: self._base, EXT_TIME: self._time, EXT_IPI: self._ipi,
                   EXT_RFENCE: self._rfence, EXT_HSM: self._hsm, EXT_SRST: self._srst,
                   EXT_DBCN: self._dbcn}.get(ext)
        if handler is None:
            return SBI_ERR_NOT_SUPPORTED, 0
        return handler(fid, args)

    def _base(self, fid, args):
        if fid == 0:
            return SBI_SUCCESS, SPEC_VERSION
        if fid == 1:
            return SBI_SUCCESS, IMPL_ID
        if fid == 2:
            return SBI_SUCCESS, IMPL_VERSION
        if fid == 3:
            known = args[0] in (EXT_BASE, EXT_TIME, EXT_IPI, EXT_RFENCE, EXT_HSM, EXT_SRST, EXT_DBCN) \
                or args[0] <= LEGACY_SHUTDOWN
            return SBI_SUCCESS, 1 if known else 0
        if fid in (4, 5, 6):                      # mvendorid, marchid, mimpid
            return SBI_SUCCESS, self.hart.read_csr(0xF11 + fid - 4)
        return SBI_ERR_NOT_SUPPORTED, 0

    def _time(self, fid, args):
        if fid != 0:
            return SBI_ERR_NOT_SUPPORTED, 0
        self.hart.write_csr(CSR_STIMECMP, args[0])
        return SBI_SUCCESS, 0

    @staticmethod
    def _hart_mask(mask, base):
        """The harts an SBI hart mask selects (base -1 means all), or None if it names a hart
        that does not exist (this board has hart 0 only)."""
        if base == MASK64:
            return {0}
        harts = {base + bit for bit in range(64) if mask >> bit & 1}
        return harts if harts <= {0} else None

    def _ipi(self, fid, args):
        if fid != 0:
            return SBI_ERR_NOT_SUPPORTED, 0
        harts = self._hart_mask(args[0], args[1])
        if harts is None:
            return SBI_ERR_INVALID_PARAM, 0
        if harts:
            self.hart.write_csr(CSR_MIP, self.hart.read_csr(CSR_MIP) | MIP_SSIP)
        return SBI_SUCCESS, 0

    def _rfence(self, fid, args):
        if fid > 2:                               # the hfence calls need the H extension
            return SBI_ERR_NOT_SUPPORTED, 0
        harts = self._hart_mask(args[0], args[1])
        if harts is None:
            return SBI_ERR_INVALID_PARAM, 0
        if harts and fid > 0:
            self.hart.flush_tlb()
        return SBI_SUCCESS, 0

    def _hsm(self, fid, args):
        if fid == 0:                              # hart_start
            return (SBI_ERR_ALREADY_AVAILABLE if args[0] == 0 else SBI_ERR_INVALID_PARAM), 0
        if fid == 2:                              # hart_get_status: hart 0 is started
            return (SBI_SUCCESS, 0) if args[0] == 0 else (SBI_ERR_INVALID_PARAM, 0)
        return SBI_ERR_NOT_SUPPORTED, 0

    def _srst(self, fid, args):
        if fid != 0 or args[0] > 2 or args[1] > 1:
            return SBI_ERR_INVALID_PARAM if fid == 0 else SBI_ERR_NOT_SUPPORTED, 0
        self._power_off("shutdown" if args[0] == 0 else "reset", args[1])
        return SBI_SUCCESS, 0

    def _dbcn(self, fid, args):
        if fid == 0:                              # write(num_bytes, base_lo, base_hi)
            try:
                data = self.board.bus.read_bytes(args[1] | (args[2] << 32), args[0])
            except GuestMemoryError:
                return SBI_ERR_INVALID_PARAM, 0
            self.board.uart_out(data)
            return SBI_SUCCESS, len(data)
        if fid == 1:                              # read(num_bytes, base_lo, base_hi): what is waiting
            data = bytearray()
            while len(data) < args[0]:
                byte = self.board.uart.take_input_byte()
                if byte is None:
                    break
                data.append(byte)
            try:
                self.board.bus.write_bytes(args[1] | (args[2] << 32), bytes(data))
            except GuestMemoryError:
                return SBI_ERR_INVALID_PARAM, 0
            return SBI_SUCCESS, len(data)
        if fid == 2:                              # write_byte
            self.board.uart_out(bytes([args[0] & 0xFF]))
            return SBI_SUCCESS, 0
        return SBI_ERR_NOT_SUPPORTED, 0

    def _legacy(self, ext, args):
        """SBI v0.1 calls: the result goes in a0 only (None: a0 unchanged)."""
        if ext == 0x00:
            self.hart.write_csr(CSR_STIMECMP, args[0])
            return 0
        if ext == 0x01:
            self.board.uart_out(bytes([args[0] & 0xFF]))
            return 0
        if ext == 0x02:
            byte = self.board.uart.take_input_byte()
            return -1 if byte is None else byte
        if ext == 0x03:
            self.hart.write_csr(CSR_MIP, self.hart.read_csr(CSR_MIP) & ~MIP_SSIP)
            return 0
        if ext == 0x04:
            self.hart.write_csr(CSR_MIP, self.hart.read_csr(CSR_MIP) | MIP_SSIP)
            return 0
        if ext in (0x05, 0x06, 0x07):
            if ext > 0x05:
                self.hart.flush_tlb()
            return 0
        self._power_off("shutdown", 0)
        return None

    def _power_off(self, kind, reason):
        self.board.power.set(kind, 1 if reason else 0)
        self.hart.request_stop()
