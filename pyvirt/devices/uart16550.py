"""NS16550A UART as on QEMU virt (reg-shift 0: eight 8-bit registers at offsets 0..7).

Per the TI/National PC16550D data sheet ("Registers", "FIFO interrupt mode operation"):
  0 RBR (read) / THR (write); DLL when LCR.DLAB = 1
  1 IER (bits 0..3: ERBFI, ETBEI, ELSI, EDSSI); DLM when LCR.DLAB = 1
  2 IIR (read) / FCR (write)      3 LCR      4 MCR (bit 4 = loopback)
  5 LSR (read-only)               6 MSR (read-only)      7 SCR
Interrupt identification, highest priority first: receiver line status 0x06 (overrun),
received data available 0x04 / character timeout 0x0C, THR empty 0x02, modem status 0x00;
0x01 = none; IIR bits 7:6 are set while the FIFOs are enabled. The output is a level
`irq(level)` that is high while any enabled interrupt is pending.

Model choices (deterministic, no wall clock):
- Transmission is instantaneous: a THR write goes straight to `write_out`, so THRE and TEMT
  always read 1 and the THR-empty interrupt is pending again right after the write.
- The character timeout is taken as already elapsed: with FIFOs on, received data below the
  trigger level reports 0x0C, at or above it 0x04.
- Host input waits in a backlog and moves into the receive FIFO (16 bytes, or the 1-byte
  holding register with FIFOs off) as room appears, so host input is never overrun. Only
  loopback bytes can overrun (LSR.OE); while in loopback the backlog waits.
- Wider accesses act on the byte register at `offset` (low 8 bits); offsets >= 8 read 0.
"""
from pyvirt.devices.device import Device

RBR_THR_DLL, IER_DLM, IIR_FCR, LCR, MCR, LSR, MSR, SCR = range(8)

IER_RX_DATA, IER_THR_EMPTY, IER_LINE_STATUS, IER_MODEM_STATUS = 0x1, 0x2, 0x4, 0x8
IIR_NONE, IIR_LINE_STATUS, IIR_RX_DATA, IIR_TIMEOUT, IIR_THR_EMPTY, IIR_MODEM_STATUS = (
    0x01, 0x06, 0x04, 0x0C, 0x02, 0x00)
IIR_FIFO_ENABLED = 0xC0
FCR_ENABLE, FCR_CLEAR_RX = 0x01, 0x02
FCR_TRIGGER_LEVELS = (1, 4, 8, 14)                  # FCR bits 7:6 -> receive trigger level
LCR_DLAB = 0x80
MCR_LOOPBACK = 0x10
LSR_DATA_READY, LSR_OVERRUN, LSR_THR_EMPTY, LSR_TX_EMPTY = 0x01, 0x02, 0x20, 0x40
MSR_LINES_CONNECTED = 0xB0                          # DCD | DSR | CTS, as QEMU reports
FIFO_DEPTH = 16


def _loopback_lines(mcr: int) -> int:
    """MSR status bits in loopback: CTS=RTS, DSR=DTR, RI=OUT1, DCD=OUT2."""
    dtr, rts, out1, out2 = (mcr >> bit & 1 for bit in range(4))
    return rts << 4 | dtr << 5 | out1 << 6 | out2 << 7


def _modem_deltas(old: int, new: int) -> int:
    """MSR delta bits 0..3 for a change of the status bits: DCTS, DDSR, TERI (RI 1->0), DDCD."""
    changed = old ^ new
    falling_ri = old & ~new & 0x40
    return (changed >> 4 & 0b1011) | (falling_ri >> 4)


class Uart16550(Device):
    """`irq(level)`, `write_out(data: bytes)`; `input_source.poll() -> bytes` or None (no input)."""

    size = 0x100

    def __init__(self, irq, write_out, input_source=None, name: str = "uart"):
        self.name = name
        self._irq = irq
        self._write_out = write_out
        self._input = input_source
        self._ier = self._lcr = self._mcr = self._scr = self._fcr = 0
        self._dll = self._dlm = 0
        self._thr_pending = False          # THR-empty interrupt pending (cleared by IIR read)
        self._overrun = False
        self._msr_deltas = 0
        self._rx_fifo = bytearray()
        self._backlog = bytearray()        # host input not yet in the receive FIFO
        self._irq_level = False
        self._tx_bytes = self._rx_bytes = 0

    # --- host side ---------------------------------------------------------------------
    def feed(self, data: bytes) -> None:
        """Queue host input for the guest."""
        self._backlog += data
        self._refill()
        self._update_irq()

    def poll_input(self) -> None:
        """Pull what the input source has now (the VMM calls this between run slices)."""
        if self._input is not None:
            data = self._input.poll()
            if data:
                self.feed(data)

    def take_input_byte(self):
        """The next received byte for a firmware console (SBI getchar), or None if none waits."""
        self.poll_input()
        return self._read_rbr() if self._rx_fifo else None

    # --- register access ---------------------------------------------------------------
    def read(self, offset: int, size: int) -> int:
        dlab = self._lcr & LCR_DLAB
        if offset == RBR_THR_DLL:
            return self._dll if dlab else self._read_rbr()
        if offset == IER_DLM:
            return self._dlm if dlab else self._ier
        if offset == IIR_FCR:
            return self._read_iir()
        if offset == LSR:
            return self._read_lsr()
        if offset == MSR:
            return self._read_msr()
        if offset == LCR:
            return self._lcr
        if offset == MCR:
            return self._mcr
        if offset == SCR:
            return self._scr
        return 0

    def write(self, offset: int, size: int, value: int) -> None:
        value &= 0xFF
        dlab = self._lcr & LCR_DLAB
        if offset == RBR_THR_DLL and dlab:
            self._dll = value
        elif offset == RBR_THR_DLL:
            self._write_thr(value)
        elif offset == IER_DLM and dlab:
            self._dlm = value
        elif offset == IER_DLM:
            self._write_ier(value)
        elif offset == IIR_FCR:
            self._write_fcr(value)
        elif offset == LCR:
            self._lcr = value
        elif offset == MCR:
            self._write_mcr(value)
        elif offset == SCR:
            self._scr = value

    def _read_rbr(self) -> int:
        if not self._rx_fifo:
            return 0
        byte = self._rx_fifo.pop(0)
        self._rx_bytes += 1
        self._refill()
        self._update_irq()
        return byte

    def _write_thr(self, byte: int) -> None:
        if self._mcr & MCR_LOOPBACK:
            self._receive_loopback(byte)
        else:
            self._write_out(bytes((byte,)))
        self._tx_bytes += 1
        self._thr_pending = True
        self._update_irq()

    def _write_ier(self, value: int) -> None:
        """A rising ETBEI edge with THR empty (always) raises THR-empty; a falling edge drops it."""
        value &= 0x0F
        if (value ^ self._ier) & IER_THR_EMPTY:
            self._thr_pending = bool(value & IER_THR_EMPTY)
        self._ier = value
        self._update_irq()

    def _read_iir(self) -> int:
        ident = self._interrupt_id()
        if ident == IIR_THR_EMPTY:
            self._thr_pending = False
            self._update_irq()
        return ident | (IIR_FIFO_ENABLED if self._fcr & FCR_ENABLE else 0)

    def _write_fcr(self, value: int) -> None:
        """Toggling FIFO enable clears the FIFO; bit 1 clears it; bits 7:6 set the trigger level."""
        if (value ^ self._fcr) & FCR_ENABLE or value & FCR_CLEAR_RX:
            self._rx_fifo.clear()
        self._fcr = value & (FCR_ENABLE | 0xC0)
        self._refill()
        self._update_irq()

    def _write_mcr(self, value: int) -> None:
        old_lines = self._modem_lines()
        self._mcr = value & 0x1F
        self._msr_deltas |= _modem_deltas(old_lines, self._modem_lines())
        self._refill()
        self._update_irq()

    def _read_lsr(self) -> int:
        lsr = LSR_THR_EMPTY | LSR_TX_EMPTY
        if self._rx_fifo:
            lsr |= LSR_DATA_READY
        if self._overrun:
            lsr |= LSR_OVERRUN
            self._overrun = False
            self._update_irq()
        return lsr

    def _read_msr(self) -> int:
        msr = self._modem_lines() | self._msr_deltas
        if self._msr_deltas:
            self._msr_deltas = 0
            self._update_irq()
        return msr

    # --- receive path ------------------------------------------------------------------
    def _rx_capacity(self) -> int:
        return FIFO_DEPTH if self._fcr & FCR_ENABLE else 1

    def _refill(self) -> None:
        """Move host input from the backlog into the receive FIFO (not while in loopback)."""
        if self._mcr & MCR_LOOPBACK:
            return
        room = self._rx_capacity() - len(self._rx_fifo)
        if room > 0 and self._backlog:
            self._rx_fifo += self._backlog[:room]
            del self._backlog[:room]

    def _receive_loopback(self, byte: int) -> None:
        if len(self._rx_fifo) < self._rx_capacity():
            self._rx_fifo.append(byte)
        else:
            self._overrun = True

    def _modem_lines(self) -> int:
        return _loopback_lines(self._mcr) if self._mcr & MCR_LOOPBACK else MSR_LINES_CONNECTED

    # --- interrupt ---------------------------------------------------------------------
    def _interrupt_id(self) -> int:
        """IIR bits 3:0 of the highest-priority enabled pending interrupt."""
        ier = self._ier
        if ier & IER_LINE_STATUS and self._overrun:
            return IIR_LINE_STATUS
        if ier & IER_RX_DATA and self._rx_fifo:
            return IIR_TIMEOUT if len(self._rx_fifo) < self._trigger_level() else IIR_RX_DATA
        if ier & IER_THR_EMPTY and self._thr_pending:
            return IIR_THR_EMPTY
        if ier & IER_MODEM_STATUS and self._msr_deltas:
            return IIR_MODEM_STATUS
        return IIR_NONE

    def _trigger_level(self) -> int:
        """Receive trigger level; 1 (any data) with FIFOs off."""
        return FCR_TRIGGER_LEVELS[self._fcr >> 6] if self._fcr & FCR_ENABLE else 1

    def _update_irq(self, force: bool = False) -> None:
        level = self._interrupt_id() != IIR_NONE
        if force or level != self._irq_level:
            self._irq_level = level
            self._irq(level)

    # --- snapshot / statistics ---------------------------------------------------------
    def get_state(self) -> dict:
        return {
            "ier": self._ier, "lcr": self._lcr, "mcr": self._mcr, "scr": self._scr,
            "fcr": self._fcr, "dll": self._dll, "dlm": self._dlm,
            "thr_pending": self._thr_pending, "overrun": self._overrun,
            "msr_deltas": self._msr_deltas,
            "rx_fifo": bytes(self._rx_fifo), "backlog": bytes(self._backlog),
            "tx_bytes": self._tx_bytes, "rx_bytes": self._rx_bytes,
        }

    def set_state(self, state: dict) -> None:
        for key in ("ier", "lcr", "mcr", "scr", "fcr", "dll", "dlm", "thr_pending",
                    "overrun", "msr_deltas", "tx_bytes", "rx_bytes"):
            setattr(self, "_" + key, state[key])
        self._rx_fifo = bytearray(state["rx_fifo"])
        self._backlog = bytearray(state["backlog"])
        self._update_irq(force=True)

    def stats(self) -> dict:
        return {"tx_bytes": self._tx_bytes, "rx_bytes": self._rx_bytes}
