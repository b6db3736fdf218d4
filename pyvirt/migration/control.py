"""The control side of `pyvirt host`: while it runs a VM, its listening socket also takes
`pyvirt migrate` requests (a MIGRATE frame: where to, over which link, at which instruction)
and it live-migrates the VM on, answering with a REPORT frame. The migration starts exactly
at the requested instruction (or at the next check, every POLL instructions, when none is
given or it has passed), so a request with an instruction gives a reproducible migration."""
import json
import select
import socket
import sys
from dataclasses import dataclass

from pyvirt.errors import PyvirtError
from pyvirt.migration import stream
from pyvirt.migration.cli import PEER_TIMEOUT, tell
from pyvirt.migration.cmd_host import parse_address
from pyvirt.migration.link import Link

POLL = 1_000_000         # guest instructions between checks for new control connections


@dataclass
class Request:
    conn: socket.socket      # the `pyvirt migrate` connection, answered with REPORT
    to: str                  # HOST:PORT of the destination host
    link: Link               # (None in a refusal)
    at: int                  # migrate once this many instructions have retired (0: at once)


def request(conn, payload: bytes) -> Request:
    """The Request a MIGRATE payload asks for (MigrationError if it is malformed)."""
    try:
        body = json.loads(payload)
        parse_address(body["to"])
        return Request(conn, body["to"], Link.from_units(float(body["mbps"]), float(body["latency_us"])),
                       int(body.get("at", 0)))
    except (ValueError, KeyError, TypeError, PyvirtError) as e:
        raise stream.MigrationError(f"malformed MIGRATE request ({e})") from None


def answer(req: Request, **body) -> None:
    """Send the REPORT frame (report=... or error=...) and close the connection; a gone client is ignored."""
    try:
        stream.send(req.conn, stream.REPORT, json.dumps(body).encode())
    except OSError:
        pass
    req.conn.close()


def serve(vmm, server, pending) -> int:
    """Run vmm to its end, migrating it when a request (pending, then from server) asks; the
    exit status: the guest's, or 0 once the VM has moved to another host."""
    while True:
        if pending and pending[0].at <= vmm.hart.instret:
            status = carry_out(vmm, pending.pop(0))
            if status is not None:
                return status
            continue
        vmm.pause_at = min([vmm.hart.instret + POLL] + [r.at for r in pending[:1]])
        status = vmm.run()
        if not vmm.paused:
            for req in pending:
                answer(req, error="the guest stopped before it could be migrated")
            return status
        pending += accept_requests(server)


def carry_out(vmm, req: Request):
    """Migrate the paused vmm as req asks and answer it; the exit status when the VM left or
    ended, None when the migration failed and the guest keeps running here."""
    from pyvirt.migration.source import GuestEnded, migrate     # numpy: only when migrating
    try:
        with socket.create_connection(parse_address(req.to), timeout=PEER_TIMEOUT) as sock:
            report = migrate(vmm, sock, req.link)
    except GuestEnded as ended:
        answer(req, error="the guest stopped during pre-copy: not migrated")
        return ended.args[0]
    except (OSError, PyvirtError) as e:
        answer(req, error=str(e))
        print(f"pyvirt: migration failed: {e}; the guest keeps running here", file=sys.stderr)
        return None
    vmm.board.close()
    answer(req, report=report)
    tell(report, req.to, None)
    return 0


def accept_requests(server):
    """The MIGRATE requests of the connections waiting on server (without blocking)."""
    found = []
    while select.select([server], [], [], 0)[0]:
        conn, _ = server.accept()
        try:
            conn.settimeout(PEER_TIMEOUT)
            stream.handshake(conn)
            kind, payload = stream.receive(conn)
            if kind != stream.MIGRATE:
                raise stream.MigrationError(f"this host already runs a VM; expected MIGRATE, got {stream.KIND_NAMES[kind]}")
            found.append(request(conn, payload))
        except (OSError, PyvirtError) as e:
            print(f"pyvirt: control connection refused: {e}", file=sys.stderr)
            answer(Request(conn, "", None, 0), error=str(e))
    return found
