"""NS16550A: per-register behaviour, IIR identification and priority, FIFO, loopback."""
import pytest

from pyvirt.devices.uart16550 import Uart16550

RBR, IER, IIR, FCR, LCR, MCR, LSR, MSR, SCR = 0, 1, 2, 2, 3, 4, 5, 6, 7


class ListSource:
    """An input source handing out queued chunks, then b''."""

    def __init__(self, chunks):
        self.chunks = list(chunks)

    def poll(self):
        return self.chunks.pop(0) if self.chunks else b""


@pytest.fixture
def output():
    return bytearray()


@pytest.fixture
def uart(irq, output):
    return Uart16550(irq, output.extend)


def rd(uart, reg):
    return uart.read(reg, 1)


def wr(uart, reg, value):
    uart.write(reg, 1, value)


def test_reset_values(uart, irq):
    assert rd(uart, IER) == 0
    assert rd(uart, IIR) == 0x01
    assert rd(uart, LCR) == 0
    assert rd(uart, MCR) == 0
    assert rd(uart, LSR) == 0x60               # THRE | TEMT
    assert rd(uart, MSR) == 0xB0               # DCD | DSR | CTS
    assert not irq.level


def test_thr_write_goes_to_output(uart, output):
    for byte in b"hi\n":
        wr(uart, 0, byte)
    assert bytes(output) == b"hi\n"
    assert rd(uart, LSR) & 0x60 == 0x60
    assert uart.stats()["tx_bytes"] == 3


def test_dlab_selects_divisor_latches(uart, output):
    wr(uart, LCR, 0x83)
    wr(uart, 0, 0x0C)
    wr(uart, 1, 0x01)
    assert (rd(uart, 0), rd(uart, 1)) == (0x0C, 0x01)
    wr(uart, LCR, 0x03)
    assert rd(uart, IER) == 0                   # IER untouched by the DLM write
    assert bytes(output) == b""                 # DLL write is not transmitted
    assert rd(uart, LCR) == 0x03


def test_scratch_register(uart):
    wr(uart, SCR, 0x5A)
    assert rd(uart, SCR) == 0x5A


def test_receive_without_fifo_holds_one_byte(uart):
    uart.feed(b"ab")
    assert rd(uart, LSR) & 0x01
    assert rd(uart, RBR) == ord("a")
    assert rd(uart, LSR) & 0x01                 # 'b' moved in from the backlog
    assert rd(uart, RBR) == ord("b")
    assert not rd(uart, LSR) & 0x01
    assert uart.stats()["rx_bytes"] == 2


def test_received_data_interrupt(uart, irq):
    wr(uart, IER, 0x01)
    assert not irq.level
    uart.feed(b"x")
    assert irq.level
    assert rd(uart, IIR) == 0x04
    assert rd(uart, RBR) == ord("x")
    assert not irq.level
    assert rd(uart, IIR) == 0x01


def test_fifo_trigger_level_and_timeout_code(uart, irq):
    wr(uart, FCR, 0xC1)                         # FIFO on, trigger 14
    wr(uart, IER, 0x01)
    uart.feed(b"abc")
    assert rd(uart, IIR) == 0xCC                # below trigger: character timeout
    uart.feed(b"d" * 11)
    assert rd(uart, IIR) == 0xC4                # 14 bytes: data available
    assert irq.level


def test_fifo_is_16_deep_and_backlog_keeps_order(uart):
    wr(uart, FCR, 0x01)
    data = bytes(range(40))
    uart.feed(data)
    assert bytes(rd(uart, RBR) for _ in range(40)) == data
    assert not rd(uart, LSR) & 0x01


def test_fcr_clears_receive_fifo(uart):
    wr(uart, FCR, 0x01)
    uart.feed(b"1234")
    wr(uart, FCR, 0x03)
    assert not rd(uart, LSR) & 0x01


def test_thr_empty_interrupt(uart, irq):
    wr(uart, IER, 0x02)                         # rising ETBEI with THR empty
    assert irq.level
    assert rd(uart, IIR) == 0x02                # reading IIR clears THRE ...
    assert not irq.level
    assert rd(uart, IIR) == 0x01
    wr(uart, 0, ord("z"))                       # ... and a THR write re-arms it
    assert irq.level
    wr(uart, IER, 0x00)
    assert not irq.level


def test_interrupt_priority(uart):
    wr(uart, IER, 0x03)
    uart.feed(b"q")
    assert rd(uart, IIR) == 0x04                # receive beats THR empty
    assert rd(uart, IIR) == 0x04                # and reading IIR does not clear it
    rd(uart, RBR)
    assert rd(uart, IIR) == 0x02
    assert rd(uart, IIR) == 0x01


def test_loopback_routes_thr_to_receiver(uart, output):
    wr(uart, MCR, 0x10)
    wr(uart, 0, ord("L"))
    assert bytes(output) == b""
    assert rd(uart, RBR) == ord("L")


def test_loopback_modem_lines_and_status_interrupt(uart, irq):
    wr(uart, MCR, 0x10)
    rd(uart, MSR)                               # clear deltas from entering loopback
    wr(uart, IER, 0x08)
    assert not irq.level
    wr(uart, MCR, 0x10 | 0x02)                  # RTS -> CTS
    assert irq.level
    assert rd(uart, IIR) == 0x00
    assert rd(uart, MSR) == 0x10 | 0x01         # CTS with delta-CTS
    assert not irq.level
    wr(uart, MCR, 0x1F)
    assert rd(uart, MSR) & 0xF0 == 0xF0


def test_loopback_overrun_sets_oe_and_line_status_interrupt(uart, irq):
    wr(uart, MCR, 0x10)
    wr(uart, IER, 0x04)
    wr(uart, 0, 1)
    wr(uart, 0, 2)                              # holding register full: overrun
    assert irq.level
    assert rd(uart, IIR) == 0x06
    assert rd(uart, LSR) & 0x03 == 0x03         # OE | DR, and reading LSR clears OE
    assert rd(uart, LSR) & 0x02 == 0
    assert not irq.level


def test_fifo_overruns_on_the_seventeenth_byte(uart):
    wr(uart, FCR, 0x01)
    wr(uart, MCR, 0x10)
    for byte in range(16):
        wr(uart, 0, byte)
    assert rd(uart, LSR) & 0x02 == 0
    wr(uart, 0, 16)
    assert rd(uart, LSR) & 0x02
    assert bytes(rd(uart, RBR) for _ in range(17)) == bytes(range(16)) + b"\0"


def test_host_input_waits_during_loopback(uart):
    wr(uart, MCR, 0x10)
    uart.feed(b"h")
    assert not rd(uart, LSR) & 0x01
    wr(uart, MCR, 0x00)
    assert rd(uart, RBR) == ord("h")


def test_poll_input_pulls_from_source(irq, output):
    uart = Uart16550(irq, output.extend, ListSource([b"ok", b""]))
    uart.poll_input()
    uart.poll_input()
    wr(uart, FCR, 0x01)                         # enabling the FIFO clears it ...
    uart.feed(b"!")
    assert rd(uart, RBR) == ord("k")            # ... 'o' was in the holding register
    assert rd(uart, RBR) == ord("!")


def test_no_input_source(uart):
    uart.poll_input()
    assert not rd(uart, LSR) & 0x01


def test_wide_access_and_unimplemented_offsets(uart):
    wr(uart, SCR, 0x77)
    assert uart.read(SCR, 4) == 0x77
    assert uart.read(8, 1) == 0


def test_state_round_trip(uart, irq, output):
    wr(uart, FCR, 0x81)
    wr(uart, IER, 0x01)
    wr(uart, SCR, 9)
    uart.feed(bytes(range(20)))
    line = type(irq)()
    restored = Uart16550(line, output.extend)
    restored.set_state(uart.get_state())
    assert line.level
    assert restored.get_state() == uart.get_state()
    assert bytes(rd(restored, RBR) for _ in range(20)) == bytes(range(20))
