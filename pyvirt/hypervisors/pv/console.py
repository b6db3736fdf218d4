"""The PV console (docs/hypercall-abi.md, console_io): output goes straight to the host
console; input is buffered by the VMM (up to 64 KiB), announced on the port the guest bound
to VIRQ_CONSOLE, and drained with console_io(read). The emulated UART gets no host input in
pv mode.
"""
from pyvirt.errors import GuestMemoryError

E_INVAL, E_FAULT = -22, -14
CONSOLE_WRITE, CONSOLE_READ = 0, 1
MAX_TRANSFER = 4096
MAX_BUFFERED = 64 * 1024


class PvConsole:
    """The console_io hypercall and the input buffer behind VIRQ_CONSOLE."""

    def __init__(self, host_console, core, bus):
        self.host = host_console
        self.core = core
        self.bus = bus
        self.port = 0
        self.pending = bytearray()
        self.bytes_out = 0
        self.bytes_in = 0

    def io(self, cmd, length, buf):
        """console_io(cmd, len, buf): bytes written or read, or -errno."""
        if cmd not in (CONSOLE_WRITE, CONSOLE_READ) or length > MAX_TRANSFER:
            return E_INVAL
        if cmd == CONSOLE_READ:
            n = min(length, len(self.pending))
            if n and not self.core.writable(buf, n):
                return E_FAULT
            self.bus.write_bytes(buf, bytes(self.pending[:n]))
            del self.pending[:n]
            self.bytes_in += n
            return n
        try:
            data = self.bus.read_bytes(buf, length)
        except GuestMemoryError:
            return E_FAULT
        self.host.write(data)
        self.bytes_out += length
        return length

    def feed(self, data):
        """Host input: buffer it and announce it (once the guest bound VIRQ_CONSOLE)."""
        if data:
            self.pending += data[:MAX_BUFFERED - len(self.pending)]
            self.announce()

    def bind(self, port):
        """The guest bound VIRQ_CONSOLE to port: input from now on (and what waits) is raised there."""
        self.port = port
        self.announce()

    def announce(self):
        if self.port and self.pending:
            self.core.raise_event(self.port)

    def get_state(self):
        return {"port": self.port, "pending": bytes(self.pending), "bytes": [self.bytes_out, self.bytes_in]}

    def set_state(self, state):
        self.port, self.pending = state["port"], bytearray(state["pending"])
        self.bytes_out, self.bytes_in = state["bytes"]

    def stats(self):
        return {"bytes_out": self.bytes_out, "bytes_in": self.bytes_in, "virq_bound": bool(self.port)}
