"""Live migration by pre-copy between two pyvirt processes over TCP (docs/migration.md).

stream.py       the migration stream: versioned handshake, framed and checksummed messages
link.py         the simulated link: bandwidth and latency -> seconds and guest cycles
dirty.py        which guest pages changed since they were last sent (the machine's dirty log)
source.py       pre-copy rounds with Xen's stop rules, stop-and-copy, the migration report
destination.py  receive the pages and the state, restore the VM, acknowledge
cli.py          `pyvirt run ... --migrate-to HOST:PORT --migrate-at N` (the source side)
cmd_host.py     `pyvirt host --listen HOST:PORT` (the destination side)
control.py      a host's `pyvirt migrate` requests: migrate the VM it runs on to another host
cmd_migrate.py  `pyvirt migrate HOST:PORT --to HOST:PORT` (asks a host to migrate its VM)
"""
