"""VirtioDevice: the base class of virtio device backends (virtio 1.2 §2 "Basic Facilities").

A backend knows nothing of the transport: the transport (virtio/mmio.py) owns the status,
feature negotiation, queue configuration and interrupts, and calls `process_queue(queue)`
when the driver notifies a ready queue after DRIVER_OK. The backend pops chains from the
queue, serves them synchronously, and pushes them to the used ring; it may raise
VirtqueueError (or let GuestMemoryError through) for a malformed request, which the
transport turns into DEVICE_NEEDS_RESET.
"""


class VirtioDevice:
    """Subclasses set `device_id`, `num_queues`, `queue_num_max` and implement `process_queue`."""

    device_id = 0
    num_queues = 1
    queue_num_max = 256

    def device_features(self) -> int:
        """Device-specific feature bits; the transport adds the transport and ring features."""
        return 0

    def config_space(self) -> bytes:
        """The device configuration space (read-only for the driver)."""
        return b""

    def process_queue(self, queue) -> None:
        raise NotImplementedError

    def get_state(self) -> dict:
        return {}

    def set_state(self, state: dict) -> None:
        pass

    def stats(self) -> dict:
        return {}
