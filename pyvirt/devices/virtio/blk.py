"""virtio-blk backend over a host file (virtio 1.2 §5.2 "Block Device").

Device ID 2, one request queue. Offered features: VIRTIO_BLK_F_SEG_MAX, VIRTIO_BLK_F_BLK_SIZE,
VIRTIO_BLK_F_FLUSH, and VIRTIO_BLK_F_RO when the file is opened read-only. Configuration
space: struct virtio_blk_config up to write_zeroes_may_unmap (60 bytes), with capacity in
512-byte sectors (the file size rounded down), seg_max = queue size - 2 and blk_size 512.

A request is a readable header {type u32, reserved u32, sector u64}, data (readable for OUT,
writable for IN and GET_ID), and a final writable status byte. Served types: IN, OUT, FLUSH
(fsync of the file), GET_ID (20-byte serial, NUL-padded); others get VIRTIO_BLK_S_UNSUPP.
Data not a multiple of 512 bytes, a range past the capacity, a write to a read-only disk
or a host I/O error gets VIRTIO_BLK_S_IOERR. A chain without a header or status byte is
malformed (VirtqueueError -> DEVICE_NEEDS_RESET). Requests are served synchronously in ring
order when the queue is notified, so results are deterministic.
"""
import struct

from pyvirt.devices.disk_image import SECTOR_SIZE, DiskImage
from pyvirt.devices.virtio.device import VirtioDevice
from pyvirt.devices.virtio.queue import Chain, Virtqueue, VirtqueueError

VIRTIO_ID_BLOCK = 2
VIRTIO_BLK_F_SEG_MAX = 1 << 2
VIRTIO_BLK_F_RO = 1 << 5
VIRTIO_BLK_F_BLK_SIZE = 1 << 6
VIRTIO_BLK_F_FLUSH = 1 << 9

VIRTIO_BLK_T_IN = 0
VIRTIO_BLK_T_OUT = 1
VIRTIO_BLK_T_FLUSH = 4
VIRTIO_BLK_T_GET_ID = 8
VIRTIO_BLK_S_OK = 0
VIRTIO_BLK_S_IOERR = 1
VIRTIO_BLK_S_UNSUPP = 2

HEADER = struct.Struct("<IIQ")
ID_BYTES = 20
CONFIG_BYTES = 60
TRANSFER_CHUNK = 1 << 20           # host buffer per step, so a bogus length cannot balloon it

COUNTERS = ("requests", "read_requests", "write_requests", "flush_requests", "get_id_requests",
            "unsupported_requests", "error_requests", "bytes_read", "bytes_written",
            "sectors_read", "sectors_written")


class VirtioBlk(VirtioDevice):
    """A disk backed by the file at `path`; `serial` is the GET_ID string (at most 20 bytes)."""

    device_id = VIRTIO_ID_BLOCK
    num_queues = 1
    queue_num_max = 256

    def __init__(self, path: str, read_only: bool = False, serial: str = ""):
        self._image = DiskImage(path, read_only)
        self.read_only = read_only
        self.capacity = self._image.capacity
        self._id = serial.encode("ascii")[:ID_BYTES].ljust(ID_BYTES, b"\0")
        self._counters = dict.fromkeys(COUNTERS, 0)

    def close(self) -> None:
        self._image.close()

    def device_features(self) -> int:
        features = VIRTIO_BLK_F_SEG_MAX | VIRTIO_BLK_F_BLK_SIZE | VIRTIO_BLK_F_FLUSH
        return features | (VIRTIO_BLK_F_RO if self.read_only else 0)

    def config_space(self) -> bytes:
        """capacity u64, size_max u32, seg_max u32, geometry (4 bytes), blk_size u32, rest 0."""
        head = struct.pack("<QII4xI", self.capacity, 0, self.queue_num_max - 2, SECTOR_SIZE)
        return head.ljust(CONFIG_BYTES, b"\0")

    # --- requests ----------------------------------------------------------------------
    def process_queue(self, queue: Virtqueue) -> None:
        for chain in queue.drain():
            queue.push(chain, self._serve(queue, chain))

    def _serve(self, queue: Virtqueue, chain: Chain) -> int:
        """Serve one request; return the bytes written into the chain (data + status byte)."""
        if chain.readable_len < HEADER.size or chain.writable_len < 1:
            raise VirtqueueError("virtio-blk request without header or status byte")
        kind, _, sector = HEADER.unpack(queue.read(chain, 0, HEADER.size))
        self._counters["requests"] += 1
        status, data_written = self._dispatch(queue, chain, kind, sector)
        if status == VIRTIO_BLK_S_IOERR:
            self._counters["error_requests"] += 1
        queue.write(chain, chain.writable_len - 1, bytes((status,)))
        return data_written + 1

    def _dispatch(self, queue: Virtqueue, chain: Chain, kind: int, sector: int):
        """(status, data bytes written into the chain) for one request."""
        if kind == VIRTIO_BLK_T_IN:
            return self._read_sectors(queue, chain, sector)
        if kind == VIRTIO_BLK_T_OUT:
            return self._write_sectors(queue, chain, sector), 0
        if kind == VIRTIO_BLK_T_FLUSH:
            return self._flush(), 0
        if kind == VIRTIO_BLK_T_GET_ID:
            return self._get_id(queue, chain)
        self._counters["unsupported_requests"] += 1
        return VIRTIO_BLK_S_UNSUPP, 0

    def _read_sectors(self, queue: Virtqueue, chain: Chain, sector: int):
        self._counters["read_requests"] += 1
        length = chain.writable_len - 1
        if not self._image.in_range(sector, length):
            return VIRTIO_BLK_S_IOERR, 0
        for done in range(0, length, TRANSFER_CHUNK):
            data = self._image.read(sector + done // SECTOR_SIZE, min(TRANSFER_CHUNK, length - done))
            if data is None:
                return VIRTIO_BLK_S_IOERR, done
            queue.write(chain, done, data)
        self._counters["bytes_read"] += length
        self._counters["sectors_read"] += length // SECTOR_SIZE
        return VIRTIO_BLK_S_OK, length

    def _write_sectors(self, queue: Virtqueue, chain: Chain, sector: int) -> int:
        self._counters["write_requests"] += 1
        length = chain.readable_len - HEADER.size
        if self.read_only or not self._image.in_range(sector, length):
            return VIRTIO_BLK_S_IOERR
        for done in range(0, length, TRANSFER_CHUNK):
            data = queue.read(chain, HEADER.size + done, min(TRANSFER_CHUNK, length - done))
            if not self._image.write(sector + done // SECTOR_SIZE, data):
                return VIRTIO_BLK_S_IOERR
        self._counters["bytes_written"] += length
        self._counters["sectors_written"] += length // SECTOR_SIZE
        return VIRTIO_BLK_S_OK

    def _flush(self) -> int:
        self._counters["flush_requests"] += 1
        return VIRTIO_BLK_S_OK if self._image.flush() else VIRTIO_BLK_S_IOERR

    def _get_id(self, queue: Virtqueue, chain: Chain):
        self._counters["get_id_requests"] += 1
        data = self._id[:chain.writable_len - 1]
        queue.write(chain, 0, data)
        return VIRTIO_BLK_S_OK, len(data)

    # --- snapshot / statistics ---------------------------------------------------------
    def get_state(self) -> dict:
        return {"counters": dict(self._counters)}

    def set_state(self, state: dict) -> None:
        self._counters = dict(state["counters"])

    def stats(self) -> dict:
        return dict(self._counters)
