"""`pyvirt migrate HOST:PORT --to HOST:PORT [--at N] [--link-mbps B] [--link-latency-us L]
[--migration-report FILE]`

Tell the `pyvirt host` at the first address, which runs (or is about to receive) a VM, to
live-migrate it to the `pyvirt host` at --to: once N guest instructions have retired (--at;
default: at its next check), over a simulated link of B Mbit/s and L microseconds. Waits for the
migration and prints its one-line summary (exit 0), or `pyvirt: migration failed: ...` (exit 1:
the VM keeps running where it was). Bad input or an unreachable host: one error line, exit 2."""
import json
import socket
import sys

from pyvirt.errors import PyvirtError
from pyvirt.migration import stream
from pyvirt.migration.cli import PEER_TIMEOUT, add_link_arguments, tell
from pyvirt.migration.cmd_host import parse_address


def _instruction(text: str) -> int:
    if not (text.isascii() and text.isdigit()):
        raise PyvirtError(f"--at: '{text}' is not an instruction count")
    return int(text)


def add_parser(commands):
    parser = commands.add_parser("migrate", help="live-migrate the VM of a `pyvirt host` to another host")
    parser.add_argument("host", metavar="HOST:PORT", help="the `pyvirt host` that runs the VM")
    parser.add_argument("--to", required=True, metavar="HOST:PORT", help="the `pyvirt host` to migrate it to")
    parser.add_argument("--at", type=_instruction, default=0, metavar="N",
                        help="migrate once N guest instructions have retired (default: at once)")
    add_link_arguments(parser)


def main(args) -> int:
    address = parse_address(args.host)
    parse_address(args.to)
    request = {"to": args.to, "mbps": args.link_mbps, "latency_us": args.link_latency_us, "at": args.at}
    try:
        with socket.create_connection(address, timeout=PEER_TIMEOUT) as sock:
            stream.handshake(sock)
            stream.send(sock, stream.MIGRATE, json.dumps(request).encode())
            sock.settimeout(None)                    # the migration waits for the requested instruction
            kind, payload = stream.receive(sock)
    except OSError as e:
        raise PyvirtError(f"cannot reach the host {args.host}: {e}") from None
    if kind != stream.REPORT:
        raise PyvirtError(f"the host {args.host} answered {stream.KIND_NAMES[kind]}, not REPORT")
    answer = json.loads(payload)
    if "error" in answer:
        print(f"pyvirt: migration failed: {answer['error']}", file=sys.stderr)
        return 1
    tell(answer["report"], args.to, args.migration_report)
    return 0
