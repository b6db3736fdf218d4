"""virtio-blk over virtio-mmio: a full driver sequence, request types, errors, statistics."""
import struct

import pytest

from pyvirt.devices.virtio.blk import VirtioBlk
from pyvirt.devices.virtio.mmio import VirtioMmio
from pyvirt.errors import PyvirtError

T_IN, T_OUT, T_FLUSH, T_GET_ID, T_DISCARD = 0, 1, 4, 8, 11
S_OK, S_IOERR, S_UNSUPP = 0, 1, 2
F_SEG_MAX, F_RO, F_BLK_SIZE, F_FLUSH = 1 << 2, 1 << 5, 1 << 6, 1 << 9
VERSION_1 = 1 << 32
NEEDS_RESET = 64
DISK_SECTORS = 16


@pytest.fixture
def image(tmp_path):
    path = tmp_path / "disk.img"
    path.write_bytes(bytes(range(256)) * 2 * DISK_SECTORS)
    return path


def make_blk(path, mem, irq, make_driver, **options):
    backend = VirtioBlk(str(path), **options)
    dev = VirtioMmio(mem, irq, backend, name="virtio-blk0")
    driver = make_driver(dev)
    driver.init()
    return backend, driver


@pytest.fixture
def blk(image, mem, irq, make_driver):
    backend, driver = make_blk(image, mem, irq, make_driver, serial="pyvirt-disk-0")
    yield driver
    backend.close()


def request(driver, kind, sector, data=b"", read_len=0):
    """Submit header [+ data] [+ read buffer] + status, notify; (status, used len, data read)."""
    header, payload, status = driver.DATA, driver.DATA + 0x100, driver.DATA + 0x8000
    driver.mem.write_bytes(header, struct.pack("<IIQ", kind, 0, sector))
    driver.mem.write_bytes(status, b"\xEE")
    buffers = [(header, 16, False)]
    if data:
        driver.mem.write_bytes(payload, data)
        buffers.append((payload, len(data), False))
    if read_len:
        buffers.append((payload, read_len, True))
    buffers.append((status, 1, True))
    head = driver.submit(buffers)
    driver.notify()
    used_id, used_len = driver.used()[-1]
    assert used_id == head
    return driver.mem.read_bytes(status, 1)[0], used_len, driver.mem.read_bytes(payload, read_len)


def test_identity_and_features(blk):
    assert blk.reg(0x008) == 2
    expected = F_SEG_MAX | F_BLK_SIZE | F_FLUSH | VERSION_1
    features = blk.device_features()
    assert features & expected == expected
    assert not features & F_RO


def test_config_space(blk):
    dev = blk.dev
    assert dev.read(0x100, 8) == DISK_SECTORS        # capacity in sectors
    assert dev.read(0x10C, 4) == 254                 # seg_max = queue size - 2
    assert dev.read(0x114, 4) == 512                 # blk_size


def test_write_then_read_returns_same_data(blk, image, irq):
    data = bytes((7 * i) & 0xFF for i in range(1024))
    status, used_len, _ = request(blk, T_OUT, 3, data=data)
    assert (status, used_len) == (S_OK, 1)
    assert irq.level and blk.reg(0x060) == 1
    blk.set(0x064, 1)
    assert not irq.level
    assert image.read_bytes()[3 * 512:5 * 512] == data
    status, used_len, read_back = request(blk, T_IN, 3, read_len=1024)
    assert (status, used_len, read_back) == (S_OK, 1025, data)
    assert irq.level


def test_read_existing_contents(blk):
    status, _, data = request(blk, T_IN, 1, read_len=512)
    assert status == S_OK
    assert data == bytes(range(256)) * 2


@pytest.mark.parametrize("kind,sector,length", [
    (T_IN, DISK_SECTORS, 512),          # starts past the end
    (T_IN, DISK_SECTORS - 1, 1024),     # ends past the end
    (T_IN, 0, 100),                     # not whole sectors
    (T_OUT, DISK_SECTORS - 1, 1024),
    (T_OUT, 1 << 63, 512),
])
def test_out_of_range_gives_ioerr(blk, image, kind, sector, length):
    before = image.read_bytes()
    if kind == T_IN:
        status, used_len, _ = request(blk, kind, sector, read_len=length)
    else:
        status, used_len, _ = request(blk, kind, sector, data=b"\xAB" * length)
    assert (status, used_len) == (S_IOERR, 1)
    assert image.read_bytes() == before
    assert not blk.status() & NEEDS_RESET


def test_get_id(blk):
    status, used_len, data = request(blk, T_GET_ID, 0, read_len=20)
    assert (status, used_len) == (S_OK, 21)
    assert data == b"pyvirt-disk-0".ljust(20, b"\0")


def test_flush(blk):
    assert request(blk, T_FLUSH, 0)[:2] == (S_OK, 1)


def test_unsupported_request(blk):
    assert request(blk, T_DISCARD, 0, data=bytes(16))[:2] == (S_UNSUPP, 1)


def test_read_only_disk(image, mem, irq, make_driver):
    backend, driver = make_blk(image, mem, irq, make_driver, read_only=True)
    assert driver.device_features() & F_RO
    before = image.read_bytes()
    assert request(driver, T_OUT, 0, data=b"\x01" * 512)[0] == S_IOERR
    assert image.read_bytes() == before
    assert request(driver, T_IN, 0, read_len=512)[0] == S_OK
    backend.close()


def test_malformed_chain_sets_needs_reset_not_exception(blk, irq):
    blk.put_descriptor(0, blk.DATA, 16, 1, 1)
    blk.put_descriptor(1, blk.DATA + 16, 16, 1, 0)     # loops back to 0
    blk.mem.write_bytes(blk.DATA, struct.pack("<IIQ", T_IN, 0, 0))
    blk.publish(0)
    blk.notify()
    assert blk.status() & NEEDS_RESET
    assert blk.reg(0x060) & 2 and irq.level
    assert blk.used() == []


OUTSIDE_RAM = 0x1000


@pytest.mark.parametrize("layout", [
    [("outside", 16, False), ("status", 1, True)],                     # header outside RAM
    [("header", 8, False), ("status", 1, True)],                       # header too short
    [("header", 16, False)],                                           # no status byte
    [("header", 16, False), ("outside", 512, True), ("status", 1, True)],  # data outside RAM
])
def test_bad_requests_set_needs_reset(blk, layout):
    where = {"header": blk.DATA, "status": blk.DATA + 0x8000, "outside": OUTSIDE_RAM}
    blk.mem.write_bytes(blk.DATA, struct.pack("<IIQ", T_IN, 0, 0))
    blk.submit([(where[name], length, writable) for name, length, writable in layout])
    blk.notify()
    assert blk.status() & NEEDS_RESET


def test_request_through_indirect_table(blk):
    data = b"\x5A" * 512
    blk.mem.write_bytes(blk.DATA, struct.pack("<IIQ", T_OUT, 0, 2))
    blk.mem.write_bytes(blk.DATA + 0x100, data)
    table = blk.DATA + 0x2000
    blk.put_descriptor(0, blk.DATA, 16, 1, 1, table=table)
    blk.put_descriptor(1, blk.DATA + 0x100, 512, 1, 2, table=table)
    blk.put_descriptor(2, blk.DATA + 0x8000, 1, 2, table=table)
    blk.put_descriptor(0, table, 48, 4)
    blk.publish(0)
    blk.notify()
    assert blk.mem.read_bytes(blk.DATA + 0x8000, 1) == bytes((S_OK,))
    assert request(blk, T_IN, 2, read_len=512)[2] == data


def test_several_requests_in_one_notify(blk):
    hdr_a, hdr_b, st_a, st_b = (blk.DATA + off for off in (0, 0x20, 0x40, 0x41))
    blk.mem.write_bytes(hdr_a, struct.pack("<IIQ", T_FLUSH, 0, 0))
    blk.mem.write_bytes(hdr_b, struct.pack("<IIQ", T_GET_ID, 0, 0))
    head_a = blk.submit([(hdr_a, 16, False), (st_a, 1, True)])
    head_b = blk.submit([(hdr_b, 16, False), (st_b, 1, True)])
    blk.notify()
    assert blk.used() == [(head_a, 1), (head_b, 1)]
    assert blk.dev.stats()["used_interrupts"] == 1


def test_stats(blk):
    request(blk, T_OUT, 0, data=bytes(1024))
    request(blk, T_IN, 0, read_len=512)
    request(blk, T_IN, DISK_SECTORS, read_len=512)
    request(blk, T_FLUSH, 0)
    request(blk, T_DISCARD, 0, data=bytes(16))
    stats = blk.dev.stats()
    assert {key: stats[key] for key in ("requests", "read_requests", "write_requests",
                                        "flush_requests", "unsupported_requests", "error_requests",
                                        "bytes_read", "bytes_written", "sectors_read",
                                        "sectors_written", "notifications")} == {
        "requests": 5, "read_requests": 2, "write_requests": 1, "flush_requests": 1,
        "unsupported_requests": 1, "error_requests": 1, "bytes_read": 512,
        "bytes_written": 1024, "sectors_read": 1, "sectors_written": 2, "notifications": 5}
    assert all(isinstance(value, int) for value in stats.values())


def test_state_keeps_counters(blk, image):
    request(blk, T_IN, 0, read_len=512)
    other = VirtioBlk(str(image))
    other.set_state(blk.dev.get_state()["backend"])
    assert other.stats()["sectors_read"] == 1
    other.close()


def test_missing_image_is_a_user_error(tmp_path):
    with pytest.raises(PyvirtError):
        VirtioBlk(str(tmp_path / "missing.img"))
