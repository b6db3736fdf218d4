"""virtio (OASIS virtio 1.2): the MMIO transport apart from the device backends.

mmio.py (transport, §4.2.2), queue.py (split virtqueue, §2.7), device.py (backend base),
blk.py (block device, §5.2).
"""
from pyvirt.devices.virtio.blk import VirtioBlk
from pyvirt.devices.virtio.device import VirtioDevice
from pyvirt.devices.virtio.mmio import VirtioMmio
from pyvirt.devices.virtio.queue import Virtqueue, VirtqueueError

__all__ = ["VirtioBlk", "VirtioDevice", "VirtioMmio", "Virtqueue", "VirtqueueError"]
