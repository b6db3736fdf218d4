"""The destination side of a live migration: receive the guest's pages as they come, then the
state; restore the VM from them (snapshot/machine.py), acknowledge, and hand it back to run."""
import json

from pyvirt.hypervisors import create
from pyvirt.migration import stream
from pyvirt.migration.stream import MigrationError
from pyvirt.snapshot import disks, format, machine


def receive(sock, console=None, input_source=None, stats_path=None, stats_text=False):
    """The VM migrated over the connected sock, restored and acknowledged, ready to run()."""
    stream.handshake(sock)
    kind, payload = stream.receive(sock)
    if kind != stream.HELLO:
        raise MigrationError(f"expected HELLO, got {stream.KIND_NAMES[kind]}")
    return receive_after_hello(sock, payload, console, input_source, stats_path, stats_text)


def receive_after_hello(sock, hello: bytes, console=None, input_source=None, stats_path=None, stats_text=False):
    """receive() once the HELLO frame (its payload: hello) has been read."""
    image = bytearray(json.loads(hello)["mem_bytes"])
    while True:
        kind, payload = stream.receive(sock)
        if kind == stream.PAGES:
            stream.unpack_pages(payload, image)
        elif kind == stream.STATE:
            break
        else:
            raise MigrationError(f"unexpected {stream.KIND_NAMES[kind]} frame")
    vmm = _restore({**format.unpack(payload, "migration state"), "ram": bytes(image)}, console, input_source,
                   stats_path, stats_text)
    stream.send(sock, stream.ACK)
    return vmm


def _restore(sections, console, input_source, stats_path, stats_text):
    data = machine.decode(sections, "migration state")
    drives = disks.rebind(data["disks"], [])
    disks.verify(data["disks"], drives)
    config = machine.saved_config(data, stats_path=stats_path, stats_text=stats_text)
    vmm = create(config, console=console, input_source=input_source, profile=machine.saved_profile(data))
    machine.restore(vmm, data)
    return vmm
