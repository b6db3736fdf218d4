"""virtio-mmio v2 transport: identification, negotiation, queue setup, notify, interrupts,
reset, and malformed rings turning into DEVICE_NEEDS_RESET (with a trivial backend)."""
import pytest

from pyvirt.devices.virtio.device import VirtioDevice
from pyvirt.devices.virtio.mmio import VirtioMmio

VERSION_1 = 1 << 32
INDIRECT_DESC = 1 << 28
ACKNOWLEDGE, DRIVER, DRIVER_OK, FEATURES_OK, NEEDS_RESET = 1, 2, 4, 8, 64
NO_INTERRUPT = 1


class ConsumeDevice(VirtioDevice):
    """Device ID 42 with feature bit 0 and 8 config bytes; uses every buffer, writing nothing."""

    device_id = 42
    num_queues = 2
    queue_num_max = 16

    def __init__(self):
        self.seen = []

    def device_features(self):
        return 1

    def config_space(self):
        return bytes(range(1, 9))

    def process_queue(self, queue):
        for chain in queue.drain():
            self.seen.append((chain.head, chain.readable, chain.writable))
            queue.push(chain, 0)


@pytest.fixture
def backend():
    return ConsumeDevice()


@pytest.fixture
def dev(mem, irq, backend):
    return VirtioMmio(mem, irq, backend, name="virtio-test0")


@pytest.fixture
def driver(dev, make_driver):
    return make_driver(dev)


def test_identification(dev):
    assert dev.read(0x000, 4) == 0x74726976
    assert dev.read(0x004, 4) == 2
    assert dev.read(0x008, 4) == 42
    assert dev.read(0x00C, 4) == 0x554D4551
    assert dev.read(0x0FC, 4) == 0                 # ConfigGeneration
    assert dev.read(0x000, 2) == 0                 # registers need 32-bit accesses
    assert dev.name == "virtio-test0" and dev.size == 0x1000


def test_empty_slot_reads_device_id_0(mem, irq):
    empty = VirtioMmio(mem, irq)
    assert empty.read(0x000, 4) == 0x74726976
    assert empty.read(0x004, 4) == 2
    assert empty.read(0x00C, 4) == 0x554D4551
    assert empty.read(0x008, 4) == 0
    assert empty.read(0x010, 4) == 0
    assert empty.read(0x034, 4) == 0
    empty.write(0x070, 4, ACKNOWLEDGE)
    assert empty.read(0x070, 4) == 0
    assert empty.read(0x100, 4) == 0


def test_device_features_include_version_1_and_indirect(driver):
    assert driver.device_features() == VERSION_1 | INDIRECT_DESC | 1
    driver.set(0x14, 2)
    assert driver.reg(0x10) == 0


def test_config_space_widths(dev):
    assert dev.read(0x100, 1) == 1
    assert dev.read(0x101, 2) == 0x0302
    assert dev.read(0x104, 4) == 0x08070605
    assert dev.read(0x100, 8) == 0x0807060504030201
    assert dev.read(0x105, 4) == 0                 # past the end
    dev.write(0x100, 1, 0xFF)                      # read-only
    assert dev.read(0x100, 1) == 1


@pytest.mark.parametrize("features", [
    VERSION_1 | (1 << 1),                # bit 1 not offered
    VERSION_1 | (1 << 40),               # high bit not offered
])
def test_features_ok_refused(driver, features):
    driver.add_status(ACKNOWLEDGE | DRIVER)
    assert not driver.negotiate(features)
    assert driver.status() == ACKNOWLEDGE | DRIVER


def test_features_ok_accepted_without_version_1(driver):
    # QEMU (force-legacy=false) keeps FEATURES_OK for a driver that leaves VERSION_1 out,
    # as xv6-riscv's virtio_disk.c does (it writes only feature word 0).
    driver.add_status(ACKNOWLEDGE | DRIVER)
    assert driver.negotiate(1)
    assert driver.status() == ACKNOWLEDGE | DRIVER | FEATURES_OK


def test_features_ok_refused_for_unknown_word(driver):
    driver.add_status(ACKNOWLEDGE | DRIVER)
    driver.set(0x24, 2)
    driver.set(0x20, 1)
    assert not driver.negotiate(VERSION_1)


def test_features_ok_accepted_and_then_frozen(driver):
    driver.add_status(ACKNOWLEDGE | DRIVER)
    assert driver.negotiate(VERSION_1 | 1)
    driver.set(0x24, 1)
    driver.set(0x20, 0)                            # ignored after FEATURES_OK
    driver.add_status(DRIVER_OK)
    assert driver.status() == ACKNOWLEDGE | DRIVER | FEATURES_OK | DRIVER_OK


def test_queue_registers(driver):
    driver.set(0x30, 0)
    assert driver.reg(0x034) == 16
    driver.set(0x30, 2)                            # no third queue
    assert driver.reg(0x034) == 0
    assert driver.reg(0x044) == 0
    driver.setup_queue(1)
    assert driver.reg(0x044) == 1
    assert driver.reg(0x038) == 8
    assert driver.reg(0x080) == driver.DESC & 0xFFFF_FFFF
    driver.set(0x038, 4)                           # frozen while ready
    assert driver.reg(0x038) == 8
    driver.set(0x044, 0)
    assert driver.reg(0x044) == 0


def test_notify_uses_buffers_and_raises_interrupt(driver, backend, irq):
    driver.init()
    head = driver.submit([(driver.DATA, 16, False), (driver.DATA + 16, 8, True)])
    driver.notify()
    assert backend.seen == [(head, [(driver.DATA, 16)], [(driver.DATA + 16, 8)])]
    assert driver.used() == [(head, 0)]
    assert irq.level
    assert driver.reg(0x060) == 1
    driver.set(0x064, 1)
    assert driver.reg(0x060) == 0
    assert not irq.level
    assert driver.dev.stats() == {"notifications": 1, "used_interrupts": 1, "config_interrupts": 0}


def test_no_processing_before_driver_ok(driver, backend):
    driver.set(0x70, ACKNOWLEDGE | DRIVER)
    assert driver.negotiate(VERSION_1)
    driver.setup_queue()
    driver.submit([(driver.DATA, 4, False)])
    driver.notify()
    assert backend.seen == []
    driver.add_status(DRIVER_OK)
    driver.notify()
    assert len(backend.seen) == 1


def test_no_interrupt_flag_suppresses_interrupt(driver, mem, irq):
    driver.init()
    mem.write_u16(driver.AVAIL, NO_INTERRUPT)
    driver.submit([(driver.DATA, 4, False)])
    driver.notify()
    assert len(driver.used()) == 1
    assert not irq.level


def test_status_zero_resets(driver, irq):
    driver.init()
    driver.submit([(driver.DATA, 4, False)])
    driver.notify()
    assert irq.level
    driver.set(0x70, 0)
    assert driver.status() == 0
    assert driver.reg(0x060) == 0
    assert not irq.level
    driver.set(0x30, 0)
    assert driver.reg(0x044) == 0


def needs_reset(driver, irq):
    return driver.status() & NEEDS_RESET and driver.reg(0x060) & 2 and irq.level


def test_chain_as_long_as_the_queue_is_accepted(driver, backend):
    driver.init()
    driver.submit([(driver.DATA + i, 1, False) for i in range(driver.num)])
    driver.notify()
    assert len(backend.seen[0][1]) == driver.num
    assert not driver.status() & NEEDS_RESET


def test_descriptor_loop_sets_needs_reset(driver, irq):
    driver.init()
    driver.put_descriptor(0, driver.DATA, 4, 1, 1)
    driver.put_descriptor(1, driver.DATA, 4, 1, 0)
    driver.publish(0)
    driver.notify()
    assert needs_reset(driver, irq)


@pytest.mark.parametrize("case", ["head", "next", "avail_jump", "outside_ram", "order",
                                  "indirect_not_negotiated", "ring_outside_ram"])
def test_malformed_rings_set_needs_reset(driver, mem, irq, backend, case):
    driver.init(VERSION_1)
    if case == "head":
        driver.publish(driver.num)
    elif case == "next":
        driver.put_descriptor(0, driver.DATA, 4, 1, 99)
        driver.publish(0)
    elif case == "avail_jump":
        mem.write_u16(driver.AVAIL + 2, driver.num + 1)
    elif case == "outside_ram":
        driver.submit([(0x1000, 4, False)])
        backend.process_queue = lambda queue: [queue.read(c, 0, 4) for c in queue.drain()]
    elif case == "order":
        driver.submit([(driver.DATA, 4, True), (driver.DATA, 4, False)])
    elif case == "indirect_not_negotiated":
        driver.put_descriptor(0, driver.DATA, 16, 4)
        driver.publish(0)
    elif case == "ring_outside_ram":
        driver.set(0x70, 0)
        driver.init(VERSION_1)
        driver.set(0x44, 0)
        driver.set(0x90, 0x10)                     # avail ring below RAM
        driver.set(0x44, 1)
    driver.notify()
    assert needs_reset(driver, irq)
    assert driver.dev.stats()["config_interrupts"] == 1


def test_needs_reset_is_sticky_until_reset(driver, irq, backend):
    driver.init()
    driver.publish(driver.num)
    driver.notify()
    driver.set(0x064, 3)
    driver.add_status(DRIVER_OK)
    assert driver.status() & NEEDS_RESET
    driver.submit([(driver.DATA, 4, False)])
    driver.notify()                                # ignored while broken
    assert backend.seen == []
    driver.init()
    assert not driver.status() & NEEDS_RESET
    driver.submit([(driver.DATA, 4, False)])
    driver.notify()
    assert len(backend.seen) == 1


def test_bad_queue_size_sets_needs_reset(driver, irq):
    driver.set(0x70, ACKNOWLEDGE | DRIVER)
    assert driver.negotiate(VERSION_1)
    driver.setup_queue(num=6)                      # not a power of 2
    assert needs_reset(driver, irq)
    assert driver.reg(0x044) == 0


def test_indirect_descriptors(driver, backend):
    driver.init()
    table = driver.DATA + 0x1000
    driver.put_descriptor(0, driver.DATA, 16, 1, 1, table=table)
    driver.put_descriptor(1, driver.DATA + 16, 1, 2, table=table)
    driver.put_descriptor(3, table, 32, 4)
    driver.publish(3)
    driver.notify()
    assert backend.seen == [(3, [(driver.DATA, 16)], [(driver.DATA + 16, 1)])]


def test_indirect_loop_sets_needs_reset(driver, irq):
    driver.init()
    table = driver.DATA + 0x1000
    driver.put_descriptor(0, driver.DATA, 16, 1, 0, table=table)   # points at itself
    driver.put_descriptor(0, table, 16, 4)
    driver.publish(0)
    driver.notify()
    assert needs_reset(driver, irq)


def test_state_round_trip(driver, dev, mem, irq):
    driver.init()
    driver.submit([(driver.DATA, 4, False)])
    driver.notify()
    line = type(irq)()
    restored = VirtioMmio(mem, line, ConsumeDevice())
    restored.set_state(dev.get_state())
    assert restored.get_state() == dev.get_state()
    assert line.level
    driver.dev = restored
    driver.submit([(driver.DATA, 4, False)])
    driver.notify()
    assert [entry[0] for entry in driver.used()] == [0, 1]
