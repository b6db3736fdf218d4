"""Event channels of the pv VMM (docs/hypercall-abi.md, "Event channels"): 128 ports, each
free, unbound (a backend's end), bound to a VMM virtual interrupt, or bound to a device
interrupt (a PLIC source the VMM owns through the PLIC's M-mode context 0, as Xen owns the
interrupt controller). Device interrupts are claimed by the VMM, raised on their port, and
completed when the guest signals end-of-interrupt.
"""
import struct

from pyvirt.errors import GuestMemoryError

E_INVAL, E_BUSY, E_NOSPC, E_FAULT = -22, -16, -28, -14
NR_PORTS = 128
FREE, UNBOUND, VIRQ, PIRQ = "free", "unbound", "virq", "pirq"
CMD_ALLOC_UNBOUND, CMD_BIND_VIRQ, CMD_BIND_PIRQ, CMD_SEND, CMD_MASK, CMD_UNMASK, CMD_EOI = range(7)
VIRQ_TIMER, VIRQ_CONSOLE = 0, 1   # the one-shot timer of set_timer; PV console input
SH_EVTCHN_MASK = 144
PLIC_ENABLE_CTX0 = 0x2000
PLIC_CLAIM_CTX0 = 0x200004
MAX_PIRQ = 64


class EventChannels:
    """Port table, device-interrupt routing and the event_channel_op hypercall."""

    def __init__(self, core, plic, bus, device_access_cycles, console):
        self.core = core
        self.console = console
        self.plic = plic
        self.mem = bus
        self.device_access_cycles = device_access_cycles
        self.ports = [(FREE, 0)] * NR_PORTS
        self.pirq_port = {}
        self.notify = {}            # unbound port -> the backend's callable(port)
        self.sent = 0

    def alloc(self, kind, arg):
        """The lowest free port, now bound to (kind, arg); or None when all are taken."""
        for port in range(1, NR_PORTS):
            if self.ports[port][0] == FREE:
                self.ports[port] = (kind, arg)
                return port
        return None

    def op(self, cmd, arg):
        """event_channel_op(cmd, arg): 0 or -errno; out-fields are written to guest memory."""
        if cmd in (CMD_ALLOC_UNBOUND, CMD_BIND_VIRQ, CMD_BIND_PIRQ):
            fields = self._read(arg, 8)
            if fields is None:
                return E_FAULT
            value, _ = struct.unpack("<II", fields)
            if not self.core.writable(arg + 4, 4):
                return E_FAULT
            port = self._bind(cmd, value)
            if port < 0:
                return port
            self.mem.write_bytes(arg + 4, struct.pack("<I", port))
            return 0
        fields = self._read(arg, 4)
        if fields is None:
            return E_FAULT
        (port,) = struct.unpack("<I", fields)
        if not 0 < port < NR_PORTS or self.ports[port][0] == FREE:
            return E_INVAL
        return {CMD_SEND: self._send, CMD_MASK: self._mask, CMD_UNMASK: self._unmask,
                CMD_EOI: self._eoi}.get(cmd, lambda p: E_INVAL)(port)

    def _read(self, addr, n):
        """n bytes of the guest's argument struct at addr (4-aligned), or None."""
        if addr % 4:
            return None
        try:
            return self.mem.read_bytes(addr, n)
        except GuestMemoryError:
            return None

    def _bind(self, cmd, value):
        if cmd == CMD_BIND_PIRQ:
            if not 0 < value < MAX_PIRQ:
                return E_INVAL
            if value in self.pirq_port:
                return E_BUSY
            port = self.alloc(PIRQ, value)
            if port is not None:
                self.pirq_port[value] = port
                self._plic_enable(value)
        elif cmd == CMD_BIND_VIRQ:
            if value not in (VIRQ_TIMER, VIRQ_CONSOLE):
                return E_INVAL
            if (self.core.timer_port if value == VIRQ_TIMER else self.console.port):
                return E_BUSY
            port = self.alloc(VIRQ, value)
            if port is not None and value == VIRQ_TIMER:
                self.core.timer_port = port
            elif port is not None:
                self.console.bind(port)
        else:
            port = self.alloc(UNBOUND, value)
        return E_NOSPC if port is None else port

    def _plic_enable(self, source):
        """Route PLIC source to the VMM's context 0 with priority 1."""
        self.plic.write(4 * source, 4, 1)
        reg = PLIC_ENABLE_CTX0 + 4 * (source // 32)
        self.plic.write(reg, 4, self.plic.read(reg, 4) | (1 << (source % 32)))
        self.core.charge_cycles(3 * self.device_access_cycles)

    def _send(self, port):
        kind, _ = self.ports[port]
        if kind != UNBOUND or port not in self.notify:
            return E_INVAL
        self.sent += 1
        self.notify[port](port)
        return 0

    def _set_mask_bit(self, port, masked):
        addr = self.core.shared_pa + SH_EVTCHN_MASK + 8 * (port // 64)
        (word,) = struct.unpack("<Q", self.mem.read_bytes(addr, 8))
        bit = 1 << (port % 64)
        self.mem.write_bytes(addr, struct.pack("<Q", word | bit if masked else word & ~bit))
        return 0

    def _mask(self, port):
        return self._set_mask_bit(port, True)

    def _unmask(self, port):
        return self._set_mask_bit(port, False)     # a pending port is delivered at the return

    def _eoi(self, port):
        kind, source = self.ports[port]
        if kind != PIRQ:
            return E_INVAL
        self.plic.write(PLIC_CLAIM_CTX0, 4, source)
        self.core.charge_cycles(self.device_access_cycles)
        return 0

    def claim_device_interrupts(self):
        """The PLIC raised the VMM's external interrupt: claim every pending source and raise
        its port (completed at the guest's eoi)."""
        while True:
            source = self.plic.read(PLIC_CLAIM_CTX0, 4)
            self.core.charge_cycles(self.device_access_cycles)
            if source == 0:
                return
            port = self.pirq_port.get(source)
            if port is not None:
                self.core.raise_event(port)

    def raise_port(self, port):
        """Raise an unbound port from its backend."""
        self.core.raise_event(port)

    def get_state(self):
        return {"ports": [list(p) for p in self.ports], "sent": self.sent}

    def set_state(self, state):
        """Restore get_state(); the backends register their notify callbacks themselves."""
        self.ports = [tuple(p) for p in state["ports"]]
        self.pirq_port = {arg: port for port, (kind, arg) in enumerate(self.ports) if kind == PIRQ}
        # (the core's timer_port is part of the core's own state)
        self.sent = state["sent"]

    def stats(self):
        bound = {}
        for kind, _ in self.ports[1:]:
            if kind != FREE:
                bound[kind] = bound.get(kind, 0) + 1
        return {"ports_bound": bound, "sent_to_backends": self.sent}
