"""The live-migration options of `pyvirt run` (the source side; `pyvirt host` is the other):

    pyvirt run KERNEL ... --migrate-to HOST:PORT --migrate-at N [--link-mbps B]
               [--link-latency-us L] [--migration-report FILE]

The guest runs here until N instructions have retired, is pre-copied to the host at
HOST:PORT over a simulated link of B Mbit/s and L microseconds, and finishes there; this
process then exits 0 and prints one line with the migration's rounds, pages, total time and
downtime (all simulated). If the migration fails, the guest keeps running here."""
import json
import socket
import sys

from pyvirt.errors import PyvirtError
from pyvirt.migration.cmd_host import parse_address
from pyvirt.migration.link import DEFAULT_LATENCY_US, DEFAULT_MBPS, Link

PEER_TIMEOUT = 60.0      # seconds without progress from the destination before the migration fails


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0
    if not value > 0:
        raise PyvirtError(f"'{text}' is not a positive number")
    return value


def add_arguments(run) -> None:
    run.add_argument("--migrate-to", metavar="HOST:PORT", help="live-migrate the guest to a `pyvirt host`")
    run.add_argument("--migrate-at", type=int, metavar="N", help="start the migration after N instructions")
    add_link_arguments(run)


def add_link_arguments(parser) -> None:
    """The simulated link and the report file (`pyvirt run --migrate-to`, `pyvirt migrate`)."""
    parser.add_argument("--link-mbps", type=_positive, default=DEFAULT_MBPS, metavar="B",
                     help=f"simulated link bandwidth in Mbit/s (default {DEFAULT_MBPS:g})")
    parser.add_argument("--link-latency-us", type=_positive, default=DEFAULT_LATENCY_US, metavar="L",
                     help=f"simulated one-way link latency in microseconds (default {DEFAULT_LATENCY_US:g})")
    parser.add_argument("--migration-report", metavar="FILE", help="write the migration report (JSON) to FILE")


def check(args) -> None:
    if (args.migrate_to is None) != (args.migrate_at is None):
        raise PyvirtError("--migrate-to HOST:PORT and --migrate-at N go together")
    if args.migrate_to is not None:
        parse_address(args.migrate_to)
        if args.migrate_at < 1:
            raise PyvirtError("--migrate-at must be a positive integer")
        if args.snapshot_at is not None:
            raise PyvirtError("--migrate-to and --snapshot-at cannot be combined")


def run(vmm, args) -> int:
    """Run vmm to --migrate-at, migrate it; the guest's status if it ends here."""
    from pyvirt.migration.source import GuestEnded, migrate     # numpy: only when migrating
    vmm.pause_at = args.migrate_at
    status = vmm.run()
    if not vmm.paused:
        print(f"pyvirt: the guest stopped before --migrate-at {args.migrate_at}: not migrated", file=sys.stderr)
        return status
    link = Link.from_units(args.link_mbps, args.link_latency_us)
    try:
        with socket.create_connection(parse_address(args.migrate_to), timeout=PEER_TIMEOUT) as sock:
            report = migrate(vmm, sock, link)
    except GuestEnded as ended:
        print("pyvirt: the guest stopped during pre-copy: not migrated", file=sys.stderr)
        return ended.args[0]
    except (OSError, PyvirtError) as e:
        print(f"pyvirt: migration failed: {e}; the guest keeps running here", file=sys.stderr)
        vmm.pause_at = None
        return vmm.run()
    vmm.board.close()
    tell(report, args.migrate_to, args.migration_report)
    return 0


def tell(report: dict, to: str, path) -> None:
    """Write the report to path (JSON; None: nowhere) and print its one-line summary to stderr."""
    if path:
        with open(path, "w") as f:
            json.dump(report, f, indent=2)
            f.write("\n")
    print(f"pyvirt: migrated to {to} at instruction {report['stop_instret']}: "
          f"{len(report['rounds'])} pre-copy rounds + stop-and-copy ({report['stop_reason']}), "
          f"{report['pages_sent']} pages sent, total {report['total_s'] * 1e3:.3f} ms, "
          f"downtime {report['downtime_s'] * 1e3:.3f} ms (simulated)", file=sys.stderr)
