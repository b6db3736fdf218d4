"""A live migration inside one process (the experiment harness): the source and destination
VMMs talk over a socket pair with the same stream and code as two `pyvirt` processes do."""
import socket
import threading

from pyvirt.migration import destination
from pyvirt.migration.link import Link
from pyvirt.migration.source import GuestEnded, migrate
from pyvirt.migration.stream import MigrationError


def run_migrated(vmm, at: int, link: Link, console):
    """Run vmm, migrate it after `at` instructions to a fresh VMM writing to console, run that
    one to the end. Returns (the VMM the guest ended on, its exit status, the migration report,
    or None when the guest stopped before it could be migrated)."""
    vmm.pause_at = at
    status = vmm.run()
    if not vmm.paused:
        return vmm, status, None
    ours, theirs = socket.socketpair()
    received = {}
    thread = threading.Thread(target=_receive, args=(theirs, console, received))
    thread.start()
    try:
        report = migrate(vmm, ours, link)
    except GuestEnded as ended:
        return vmm, ended.args[0], None
    finally:
        ours.close()
        thread.join()
        theirs.close()
    vmm.board.close()
    dest = received["vmm"]
    return dest, dest.run(), report


def _receive(sock, console, received):
    try:
        received["vmm"] = destination.receive(sock, console=console)
    except MigrationError:
        pass                       # the source stopped the migration (its guest ended)
