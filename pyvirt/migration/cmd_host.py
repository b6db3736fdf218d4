"""`pyvirt host --listen HOST:PORT [--stats FILE] [--stats-text]`

A host that receives one live-migrated VM (from `pyvirt run ... --migrate-to HOST:PORT` or
another host) and runs it to the end: the guest's console continues on this host's stdout, and
the exit status is the guest's. While it runs the VM, `pyvirt migrate HOST:PORT --to OTHER`
requests on the same address move the VM on (control.py); the host then exits 0. It prints
`pyvirt: host listening on HOST:PORT` to stderr once it accepts connections (port 0 picks a
free port)."""
import socket
import sys

from pyvirt.errors import PyvirtError


def parse_address(text: str):
    """'HOST:PORT' -> (host, port)."""
    host, sep, port = text.rpartition(":")
    if not sep or not host or not (port.isascii() and port.isdigit()) or int(port) > 65535:
        raise PyvirtError(f"'{text}' is not an address HOST:PORT")
    return host, int(port)


def add_parser(commands):
    parser = commands.add_parser("host", help="receive a live-migrated VM and run it")
    parser.add_argument("--listen", required=True, metavar="HOST:PORT", help="address to accept the migration on")
    parser.add_argument("--stats", metavar="FILE", help="write the VM's JSON statistics to FILE at the end")
    parser.add_argument("--stats-text", action="store_true", help="print a statistics summary to stderr")


def main(args) -> int:
    from pyvirt.migration import control

    host, port = parse_address(args.listen)
    with socket.create_server((host, port)) as server:
        print(f"pyvirt: host listening on {host}:{server.getsockname()[1]}", file=sys.stderr, flush=True)
        pending = []
        vmm = _await_vm(server, args, pending)
        return control.serve(vmm, server, pending)


def _await_vm(server, args, pending):
    """Accept connections until one brings a VM (returned, restored); MIGRATE requests that
    come first are kept in pending (they apply to that VM)."""
    from pyvirt.console import StdinSource
    from pyvirt.migration import control, destination, stream

    while True:
        conn, peer = server.accept()
        stream.handshake(conn)
        kind, payload = stream.receive(conn)
        if kind == stream.MIGRATE:
            pending.append(control.request(conn, payload))
            continue
        if kind != stream.HELLO:
            raise stream.MigrationError(f"expected HELLO or MIGRATE, got {stream.KIND_NAMES[kind]}")
        with conn:
            vmm = destination.receive_after_hello(conn, payload, input_source=StdinSource.for_stdin(),
                                                  stats_path=args.stats, stats_text=args.stats_text)
        print(f"pyvirt: received a {vmm.mode} VM from {peer[0]} after {vmm.hart.instret} instructions; running it",
              file=sys.stderr, flush=True)
        return vmm
