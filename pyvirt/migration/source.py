"""The source side of a live migration: pre-copy rounds, then stop-and-copy (Clark et al.,
NSDI 2005; the stop rules of Xen's xc_domain_save).

Round 1 sends every page of guest RAM; each later round sends the pages that changed while
the previous round was on the link. The guest runs during a round for exactly the round's
simulated transfer time (its cycles, at the profile's clock). Pre-copy stops when the next
round would be the 30th (at most 29 pre-copy rounds), when fewer than 50 pages are dirty, or
when sending them would bring the total past 3x the guest's pages; then the guest stays
paused while the last dirty pages and the complete device, hart and VMM state (a snapshot
without RAM) go over, and the destination resumes it: that is the downtime. The guest does
not see the migration: its simulated time runs on, so its output and statistics are those of
a run that was never migrated."""
import json

from pyvirt.migration import stream
from pyvirt.migration.dirty import DirtyPages
from pyvirt.snapshot import format, machine

MAX_ROUNDS = 29          # Xen: max_iters
FEW_PAGES = 50           # Xen: stop when fewer pages than this are dirty
MAX_FACTOR = 3           # Xen: never send more than 3x the guest's memory
CHUNK = 10_000           # instructions between checks of the guest's progress through a round


class GuestEnded(Exception):
    """The guest stopped during pre-copy (args: its exit status): there is nothing to migrate."""


def migrate(vmm, sock, link) -> dict:
    """Migrate the paused vmm over the connected sock; return the migration report. The VM
    belongs to the destination once this returns; on an exception it is still here, paused."""
    stream.handshake(sock)
    stream.send(sock, stream.HELLO, json.dumps({"mem_bytes": vmm.config.mem_bytes, "mode": vmm.mode}).encode())
    dirty = DirtyPages(vmm)
    report = {"link": {"bandwidth_bytes_per_s": link.bandwidth, "latency_s": link.latency},
              "pages": dirty.pages, "start_instret": vmm.hart.instret, "rounds": []}
    try:
        ram, frames, reason = _precopy(vmm, sock, link, dirty, report)
    finally:
        dirty.stop()
    sent = sum(r["pages"] for r in report["rounds"])
    state = format.pack({k: v for k, v in machine.capture(vmm).items() if k != "ram"})
    _send_pages(sock, link, ram, frames)
    stream.send(sock, stream.STATE, state)
    _wait_ack(sock)
    downtime = link.seconds(len(frames) * stream.PAGE + len(state)) + link.latency    # + the ACK's way back
    report.update(stop_reason=reason, stop_instret=vmm.hart.instret, last_pages=len(frames),
                  state_bytes=len(state), pages_sent=sent + len(frames),
                  downtime_s=downtime, total_s=sum(r["seconds"] for r in report["rounds"]) + downtime)
    return report


def _precopy(vmm, sock, link, dirty, report):
    """Send pre-copy rounds (into report) until a stop rule holds; (RAM, the pages still dirty, the rule)."""
    sent = 0
    while True:
        ram, frames = dirty.take()
        reason = _stop_reason(len(report["rounds"]), len(frames), sent, dirty.pages)
        if reason:
            return ram, frames, reason
        seconds = _send_pages(sock, link, ram, frames)
        before = vmm.hart.instret
        _advance(vmm, seconds)
        report["rounds"].append({"pages": len(frames), "seconds": seconds,
                                 "guest_instructions": vmm.hart.instret - before})
        sent += len(frames)


def _stop_reason(rounds: int, dirty: int, sent: int, pages: int):
    """Why pre-copy stops before this round (None: send another round)."""
    if rounds == 0:
        return None
    if rounds >= MAX_ROUNDS:
        return "max_rounds"
    if dirty < FEW_PAGES:
        return "few_dirty_pages"
    if sent + dirty > MAX_FACTOR * pages:
        return "max_factor"
    return None


def _send_pages(sock, link, ram: bytes, frames) -> float:
    """Send the pages; return their simulated transfer time."""
    stream.send(sock, stream.PAGES, stream.pack_pages(ram, frames))
    return link.seconds(len(frames) * stream.PAGE)


def _advance(vmm, seconds: float) -> None:
    """Let the guest run for `seconds` of simulated time (to the first CHUNK boundary past it)."""
    target = vmm.hart.cycles + round(seconds * vmm.profile.clock_hz)
    while vmm.hart.cycles < target:
        vmm.pause_at = vmm.hart.instret + CHUNK
        status = vmm.run()
        if not vmm.paused:
            raise GuestEnded(status)


def _wait_ack(sock) -> None:
    kind, _ = stream.receive(sock)
    if kind != stream.ACK:
        raise stream.MigrationError(f"expected ACK, got {stream.KIND_NAMES[kind]}")
