"""virtio-mmio transport, version 2 only (virtio 1.2 §4.2.2 "MMIO Device Register Layout").

Registers are aligned 32-bit accesses (other widths read 0 / are ignored); the device
configuration space from 0x100 accepts 1, 2, 4 and 8-byte reads and is read-only.
An empty slot (no backend) reads MagicValue, Version and VendorID, DeviceID 0 and 0 elsewhere,
as QEMU's empty virtio-mmio slots do.

Feature negotiation (§2.2, §3.1.1): the device offers its own bits plus VIRTIO_F_VERSION_1
and VIRTIO_F_INDIRECT_DESC. Setting FEATURES_OK is refused (the bit does not stick) unless
the driver accepted only offered features; driver feature words at selectors >= 2 are unknown
features when non-zero. A driver that does not accept VIRTIO_F_VERSION_1 is still let through,
as QEMU's virtio-mmio (force-legacy=false) does: QEMU only validates features at FEATURES_OK
when VERSION_1 was negotiated (hw/virtio/virtio.c virtio_set_status), and drivers such as
xv6-riscv's virtio_disk.c write only feature word 0 and then require FEATURES_OK to stick
(§6.2 lets a device refuse such a driver, but QEMU does not). DriverFeatures is frozen once FEATURES_OK
is set, and a live queue's size and addresses are frozen while QueueReady is 1.
Writing 0 to Status resets the device. A malformed ring or request sets DEVICE_NEEDS_RESET
(sticky until reset) and raises a configuration-change interrupt. ConfigGeneration reads 0:
no backend changes its configuration space after reset.
"""
from pyvirt.devices.device import Device
from pyvirt.devices.virtio.queue import Virtqueue, VirtqueueError
from pyvirt.errors import GuestMemoryError

MAGIC_VALUE = 0x74726976                 # "virt"
VERSION = 2
VENDOR_ID = 0x554D4551                   # "QEMU"
LOW32 = 0xFFFF_FFFF

REG_MAGIC_VALUE = 0x000
REG_VERSION = 0x004
REG_DEVICE_ID = 0x008
REG_VENDOR_ID = 0x00C
REG_DEVICE_FEATURES = 0x010
REG_DEVICE_FEATURES_SEL = 0x014
REG_DRIVER_FEATURES = 0x020
REG_DRIVER_FEATURES_SEL = 0x024
REG_QUEUE_SEL = 0x030
REG_QUEUE_NUM_MAX = 0x034
REG_QUEUE_NUM = 0x038
REG_QUEUE_READY = 0x044
REG_QUEUE_NOTIFY = 0x050
REG_INTERRUPT_STATUS = 0x060
REG_INTERRUPT_ACK = 0x064
REG_STATUS = 0x070
REG_CONFIG_GENERATION = 0x0FC
CONFIG_BASE = 0x100
QUEUE_ADDRESS_REGS = {                   # register -> (Virtqueue attribute, bit shift)
    0x080: ("desc_addr", 0), 0x084: ("desc_addr", 32),
    0x090: ("driver_addr", 0), 0x094: ("driver_addr", 32),
    0x0A0: ("device_addr", 0), 0x0A4: ("device_addr", 32),
}

STATUS_DRIVER_OK = 0x04
STATUS_FEATURES_OK = 0x08
STATUS_DEVICE_NEEDS_RESET = 0x40
INTERRUPT_USED_BUFFER = 0x1
INTERRUPT_CONFIG_CHANGE = 0x2

VIRTIO_F_INDIRECT_DESC = 1 << 28
VIRTIO_F_VERSION_1 = 1 << 32
TRANSPORT_FEATURES = VIRTIO_F_VERSION_1 | VIRTIO_F_INDIRECT_DESC


class VirtioMmio(Device):
    """A virtio-mmio slot; `backend` is a VirtioDevice or None for an empty slot."""

    size = 0x1000

    def __init__(self, mem, irq, backend=None, name: str = "virtio-mmio"):
        self.name = name
        self._irq = irq
        self._backend = backend
        self._queues = ([Virtqueue(mem, backend.queue_num_max) for _ in range(backend.num_queues)]
                        if backend is not None else [])
        self._irq_level = False
        self._notifications = self._used_interrupts = self._config_interrupts = 0
        self._reset()

    def _reset(self) -> None:
        """Device reset (§2.4): status, negotiation, queues and interrupts back to zero."""
        self._status = 0
        self._device_features_sel = self._driver_features_sel = self._queue_sel = 0
        self._driver_features = 0
        self._acked_unknown_high = False   # a non-zero driver feature word at selector >= 2
        self._interrupt_status = 0
        for queue in self._queues:
            queue.reset()
        self._update_irq()

    # --- reads -------------------------------------------------------------------------
    def read(self, offset: int, size: int) -> int:
        if offset >= CONFIG_BASE:
            return self._read_config(offset - CONFIG_BASE, size)
        if size != 4 or offset % 4:
            return 0
        if offset == REG_MAGIC_VALUE:
            return MAGIC_VALUE
        if offset == REG_VERSION:
            return VERSION
        if offset == REG_VENDOR_ID:
            return VENDOR_ID
        if self._backend is None:
            return 0
        return self._read_register(offset)

    def _read_register(self, offset: int) -> int:
        if offset == REG_DEVICE_ID:
            return self._backend.device_id
        if offset == REG_DEVICE_FEATURES:
            return self._device_features_word()
        if offset == REG_INTERRUPT_STATUS:
            return self._interrupt_status
        if offset == REG_STATUS:
            return self._status
        return self._read_queue_register(offset)

    def _read_queue_register(self, offset: int) -> int:
        queue = self._selected_queue()
        if queue is None:
            return 0
        if offset == REG_QUEUE_NUM_MAX:
            return queue.num_max
        if offset == REG_QUEUE_NUM:
            return queue.num
        if offset == REG_QUEUE_READY:
            return int(queue.ready)
        if offset in QUEUE_ADDRESS_REGS:
            attr, shift = QUEUE_ADDRESS_REGS[offset]
            return (getattr(queue, attr) >> shift) & LOW32
        return 0

    def _read_config(self, offset: int, size: int) -> int:
        if self._backend is None or size not in (1, 2, 4, 8):
            return 0
        config = self._backend.config_space()
        if offset + size > len(config):
            return 0
        return int.from_bytes(config[offset:offset + size], "little")

    def _offered_features(self) -> int:
        return self._backend.device_features() | TRANSPORT_FEATURES

    def _device_features_word(self) -> int:
        if self._device_features_sel > 1:
            return 0
        return (self._offered_features() >> (32 * self._device_features_sel)) & LOW32

    def _selected_queue(self):
        return self._queues[self._queue_sel] if self._queue_sel < len(self._queues) else None

    # --- writes ------------------------------------------------------------------------
    def write(self, offset: int, size: int, value: int) -> None:
        if self._backend is None or offset >= CONFIG_BASE or size != 4 or offset % 4:
            return
        value &= LOW32
        if offset == REG_DEVICE_FEATURES_SEL:
            self._device_features_sel = value
        elif offset == REG_DRIVER_FEATURES_SEL:
            self._driver_features_sel = value
        elif offset == REG_DRIVER_FEATURES:
            self._write_driver_features(value)
        elif offset == REG_QUEUE_SEL:
            self._queue_sel = value
        elif offset == REG_QUEUE_NOTIFY:
            self._notify(value)
        elif offset == REG_INTERRUPT_ACK:
            self._interrupt_status &= ~value
            self._update_irq()
        elif offset == REG_STATUS:
            self._write_status(value)
        else:
            self._write_queue_register(offset, value)

    def _write_driver_features(self, value: int) -> None:
        if self._status & STATUS_FEATURES_OK:
            return
        sel = self._driver_features_sel
        if sel > 1:
            self._acked_unknown_high |= value != 0
            return
        shift = 32 * sel
        self._driver_features = (self._driver_features & ~(LOW32 << shift)) | (value << shift)

    def _features_acceptable(self) -> bool:
        accepted = self._driver_features
        return not self._acked_unknown_high and accepted & ~self._offered_features() == 0

    def _write_status(self, value: int) -> None:
        """0 resets; FEATURES_OK sticks only for acceptable features; NEEDS_RESET is device-set."""
        if value == 0:
            self._reset()
            return
        newly_features_ok = value & STATUS_FEATURES_OK and not self._status & STATUS_FEATURES_OK
        if newly_features_ok and not self._features_acceptable():
            value &= ~STATUS_FEATURES_OK
        needs_reset = self._status & STATUS_DEVICE_NEEDS_RESET
        self._status = (value & ~STATUS_DEVICE_NEEDS_RESET) | needs_reset

    def _write_queue_register(self, offset: int, value: int) -> None:
        queue = self._selected_queue()
        if queue is None:
            return
        if offset == REG_QUEUE_READY:
            self._set_queue_ready(queue, value & 1)
        elif queue.ready:
            return
        elif offset == REG_QUEUE_NUM:
            queue.num = value
        elif offset in QUEUE_ADDRESS_REGS:
            attr, shift = QUEUE_ADDRESS_REGS[offset]
            old = getattr(queue, attr)
            setattr(queue, attr, (old & ~(LOW32 << shift)) | (value << shift))

    def _set_queue_ready(self, queue: Virtqueue, ready: int) -> None:
        if not ready:
            queue.ready = False
        elif not queue.ready:
            try:
                queue.activate(indirect=bool(self._driver_features & VIRTIO_F_INDIRECT_DESC))
            except VirtqueueError:
                self._mark_needs_reset()

    # --- queue processing and interrupts -----------------------------------------------
    def _notify(self, index: int) -> None:
        """Serve queue `index` synchronously; only a ready queue of a DRIVER_OK device runs."""
        self._notifications += 1
        if index >= len(self._queues):
            return
        queue = self._queues[index]
        status = self._status
        if not queue.ready or not status & STATUS_DRIVER_OK or status & STATUS_DEVICE_NEEDS_RESET:
            return
        try:
            self._backend.process_queue(queue)
            used = queue.take_interrupt()
        except (VirtqueueError, GuestMemoryError):
            self._mark_needs_reset()
            return
        if used:
            self._used_interrupts += 1
            self._raise_interrupt(INTERRUPT_USED_BUFFER)

    def _mark_needs_reset(self) -> None:
        self._status |= STATUS_DEVICE_NEEDS_RESET
        self._config_interrupts += 1
        self._raise_interrupt(INTERRUPT_CONFIG_CHANGE)

    def _raise_interrupt(self, bit: int) -> None:
        self._interrupt_status |= bit
        self._update_irq()

    def _update_irq(self, force: bool = False) -> None:
        level = self._interrupt_status != 0
        if force or level != self._irq_level:
            self._irq_level = level
            self._irq(level)

    # --- snapshot / statistics ---------------------------------------------------------
    STATE_FIELDS = ("status", "device_features_sel", "driver_features_sel", "queue_sel",
                    "driver_features", "acked_unknown_high", "interrupt_status",
                    "notifications", "used_interrupts", "config_interrupts")

    def get_state(self) -> dict:
        state = {key: getattr(self, "_" + key) for key in self.STATE_FIELDS}
        state["queues"] = [queue.get_state() for queue in self._queues]
        state["backend"] = self._backend.get_state() if self._backend is not None else {}
        return state

    def set_state(self, state: dict) -> None:
        for key in self.STATE_FIELDS:
            setattr(self, "_" + key, state[key])
        for queue, queue_state in zip(self._queues, state["queues"]):
            queue.set_state(queue_state)
        if self._backend is not None:
            self._backend.set_state(state["backend"])
        self._update_irq(force=True)

    def stats(self) -> dict:
        counters = {"notifications": self._notifications,
                    "used_interrupts": self._used_interrupts,
                    "config_interrupts": self._config_interrupts}
        if self._backend is not None:
            counters.update(self._backend.stats())
        return counters
