"""The paravirtual block backend (docs/hypercall-abi.md, "The block ring"): serves the guest's
block frontend over a ring in guest memory, on the same disk files as virtio-blk and the PIO
disk. The frontend's event (EVTCHNOP_send) makes it serve every new request in order, replace
each by its response and raise the ring's port once for the batch. Every index, length and
address is checked: a bad request gets an error response, a corrupt ring is ignored; the
backend never touches memory outside guest RAM or inside a pinned page table.
"""
import struct

from pyvirt.devices.disk_image import SECTOR_SIZE, DiskImage
from pyvirt.errors import GuestMemoryError

E_FAULT, E_BUSY, E_INVAL, E_IO = -14, -16, -22, -5
OP_READ, OP_WRITE = 0, 1
MAX_SECTORS = 128
MAX_RING_PAGES = 8
# The register accesses a native virtio-blk driver makes per request (queue notify, interrupt
# status and ack, PLIC claim and complete): what the backend's own driver pays on the real
# device, as Xen's dom0 does for its guests' requests. Charged as device_access each.
DEVICE_ACCESSES_PER_REQUEST = 5
HEADER = 64                      # req_prod, rsp_prod, nslots, pad, capacity, reserved
SLOT = 32
REQ = struct.Struct("<QIIQQ")    # id, op, count, lba, buf
RSP = struct.Struct("<Qq16x")    # id, status


class BlockBackend:
    """One disk served to one frontend ring."""

    def __init__(self, path, core, bus, events, slot_cycles, device_access_cycles):
        self.disk = DiskImage(path)
        self.core = core
        self.bus = bus
        self.events = events
        self.slot_cycles = slot_cycles      # VMM work per ring slot (parse + apply)
        self.device_cycles = DEVICE_ACCESSES_PER_REQUEST * device_access_cycles
        self.ring = None
        self.nslots = 0
        self.port = 0
        self.req_cons = 0
        self.counts = {"batches": 0, "requests": 0, "errors": 0, "ring_errors": 0,
                       "sectors_read": 0, "sectors_written": 0}

    def setup(self, ring, pages):
        """ring_setup: share pages at ring; the event port, or -errno."""
        if self.ring is not None:
            return E_BUSY
        size = pages * 4096
        if ring % 4096 or not 1 <= pages <= MAX_RING_PAGES or not self.core.writable(ring, size):
            return E_INVAL
        nslots = 1 << ((size - HEADER) // SLOT).bit_length() - 1
        port = self.events.alloc("unbound", "block")
        if port is None:
            return E_BUSY
        self.bus.write_bytes(ring, struct.pack("<IIIIQ", 0, 0, nslots, 0, self.disk.capacity))
        self.ring, self.nslots, self.port, self.req_cons = ring, nslots, port, 0
        self.events.notify[port] = self.kick
        return port

    def kick(self, port):
        """The frontend's event: serve the new requests, then raise the port once."""
        (req_prod,) = struct.unpack("<I", self.bus.read_bytes(self.ring, 4))
        pending = (req_prod - self.req_cons) & 0xFFFFFFFF
        if pending > self.nslots:
            self.counts["ring_errors"] += 1      # the frontend overran the ring: ignore it
            return
        if pending == 0:
            return
        for _ in range(pending):
            slot = self.ring + HEADER + SLOT * (self.req_cons % self.nslots)
            if not self.core.writable(slot, SLOT):
                self.counts["ring_errors"] += 1  # the ring became a page table: stop
                return
            req_id, op, count, lba, buf = REQ.unpack(self.bus.read_bytes(slot, REQ.size))
            status = self._serve(op, count, lba, buf)
            if status == 0:
                self.core.charge_cycles(self.device_cycles)
            self.bus.write_bytes(slot, RSP.pack(req_id, status))
            self.req_cons = (self.req_cons + 1) & 0xFFFFFFFF
            self.counts["requests"] += 1
            self.counts["errors"] += status != 0
            self.core.charge_cycles(self.slot_cycles)
        self.bus.write_bytes(self.ring + 4, struct.pack("<I", self.req_cons))
        self.counts["batches"] += 1
        self.events.raise_port(self.port)

    def _serve(self, op, count, lba, buf):
        """Perform one request; 0 or -errno."""
        nbytes = count * SECTOR_SIZE
        if op not in (OP_READ, OP_WRITE) or not 1 <= count <= MAX_SECTORS or not self.disk.in_range(lba, nbytes):
            return E_INVAL
        if op == OP_READ:
            if not self.core.writable(buf, nbytes):
                return E_FAULT
            data = self.disk.read(lba, nbytes)
            if data is None:
                return E_IO
            self.bus.write_bytes(buf, data)
            self.counts["sectors_read"] += count
            return 0
        try:
            data = self.bus.read_bytes(buf, nbytes)
        except GuestMemoryError:
            return E_FAULT
        if not self.disk.write(lba, data):
            return E_IO
        self.counts["sectors_written"] += count
        return 0

    def get_state(self):
        return {"ring": self.ring, "nslots": self.nslots, "port": self.port, "req_cons": self.req_cons,
                "counts": dict(self.counts)}

    def set_state(self, state):
        self.ring, self.nslots, self.port = state["ring"], state["nslots"], state["port"]
        self.req_cons, self.counts = state["req_cons"], dict(state["counts"])
        if self.ring is not None:
            self.events.notify[self.port] = self.kick

    def close(self):
        self.disk.close()

    def stats(self):
        return dict(self.counts, nslots=self.nslots)
