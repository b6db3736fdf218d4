"""Live migration: pre-copy rounds with Xen's stop rules over a simulated link; the migrated
guest ends with the console output and statistics of a run that was never migrated; a broken
connection or a dying destination leaves the guest running on the source."""
import json
import socket
import threading

import pytest

from pyvirt.cli import main
from pyvirt.config import MachineConfig
from pyvirt.hypervisors import create
from pyvirt.migration import source, stream
from pyvirt.migration.link import Link
from pyvirt.migration.local import run_migrated
from tests.snapshot.helpers import KERNEL, CaptureConsole, straight

DIRTYING = "run tlbstress 300000 1024"       # rewrites a 4 MiB working set: 1024 pages dirty per round


def config(variant, append=DIRTYING):
    """The kernel in variant: a mode, or hvm-MMU (hvm with --mmu MMU)."""
    mode, _, mmu = variant.partition("-")
    kernel = KERNEL.replace("kernel-native", "kernel-pv") if mode == "pv" else KERNEL
    return MachineConfig(kernel=kernel, mode=mode, append=append, mem_bytes=16 << 20, max_insns=50_000_000,
                         **({"mmu": mmu} if mmu else {}))


def migrated(mode, mbps, at=2_000_000):
    """(report, exit status, stats JSON, console before + after) of a migration at `at` over a
    socket pair (migration/local.py: the stream and code of two processes)."""
    before, after = CaptureConsole(), CaptureConsole()
    vmm, status, report = run_migrated(create(config(mode), console=before), at, Link.from_units(mbps, 50), after)
    return report, status, json.dumps(vmm.stats(), sort_keys=True), bytes(before.buffer) + bytes(after.buffer)


@pytest.mark.parametrize("mode,mbps,reason,rounds", [
    ("native", 100_000, "max_factor", 9),         # fast link: the guest re-dirties 1024 pages every round
    ("trap", 100_000, "max_factor", 9),
    ("pv", 100_000, "max_factor", 9),
    ("hvm-nested", 100_000, "max_factor", 12),    # 2D walks: fewer instructions per round, ~700 pages dirty
    ("hvm-shadow", 100_000, "max_factor", 9),
    ("native", 5_000, "few_dirty_pages", 2),      # slow link: the workload ends during round 2
])
def test_migrated_guest_finishes_as_if_never_migrated(mode, mbps, reason, rounds):
    want = straight(config(mode))
    report, status, stats, console = migrated(mode, mbps)
    assert (report["stop_reason"], len(report["rounds"])) == (reason, rounds)
    assert report["rounds"][0]["pages"] == report["pages"] == 4096            # round 1: all of RAM
    assert report["pages_sent"] <= source.MAX_FACTOR * report["pages"] + report["last_pages"]
    assert 0 < report["downtime_s"] < report["total_s"]
    assert (console, stats, status) == (want[2], want[1], want[0])


def test_the_same_migration_gives_the_same_report():
    assert migrated("native", 20_000)[0] == migrated("native", 20_000)[0]


@pytest.mark.parametrize("rounds,dirty,sent,reason", [
    (0, 4096, 0, None), (1, 49, 4096, "few_dirty_pages"), (1, 50, 4096, None),
    (29, 500, 9000, "max_rounds"), (28, 500, 11000, None), (5, 2000, 11000, "max_factor")])
def test_xen_stop_rules(rounds, dirty, sent, reason):
    assert source._stop_reason(rounds, dirty, sent, 4096) == reason


def serve_once(frames_before_closing):
    """A fake destination on 127.0.0.1: handshake, read some frames, then close. Returns its port."""
    server = socket.create_server(("127.0.0.1", 0))

    def serve():
        conn, _ = server.accept()
        with conn:
            stream.handshake(conn)
            for _ in range(frames_before_closing):
                stream.receive(conn)
        server.close()
    threading.Thread(target=serve, daemon=True).start()
    return server.getsockname()[1]


@pytest.mark.parametrize("frames", [0, 2])       # dies after the handshake / after HELLO and round 1
def test_a_broken_migration_leaves_the_guest_running_on_the_source(capsys, frames):
    append = "run syscall 300; run compute 1"
    want = straight(config("native", append))
    port = serve_once(frames)
    status = main(["run", KERNEL, "--mem", "16M", "--max-insns", "50000000", "--append", append,
                   "--migrate-to", f"127.0.0.1:{port}", "--migrate-at", "400000", "--link-mbps", "100000"])
    out, err = capsys.readouterr()
    assert "pyvirt: migration failed:" in err and "the guest keeps running here" in err
    assert (status, out.encode()) == (want[0], want[2])


def test_migration_options_are_checked(capsys):
    assert main(["run", KERNEL, "--migrate-to", "127.0.0.1:1"]) == 2
    assert "go together" in capsys.readouterr().err
    assert main(["run", KERNEL, "--migrate-to", "nowhere", "--migrate-at", "5"]) == 2
    assert "not an address HOST:PORT" in capsys.readouterr().err


def test_host_and_migrate_commands_over_loopback(tmp_path):
    """`pyvirt host` + `pyvirt run --migrate-to` as two processes: the two consoles together are
    the uninterrupted run's, the host's statistics file equals the uninterrupted run's."""
    import subprocess
    import sys
    append = "run ctxsw 300; run compute 1"
    args = ["--mode", "trap", "--mem", "16M", "--append", append]
    whole = subprocess.run([sys.executable, "-m", "pyvirt", "run", KERNEL, *args, "--stats", str(tmp_path / "w.json")],
                           capture_output=True, stdin=subprocess.DEVNULL, timeout=120)
    host = subprocess.Popen([sys.executable, "-m", "pyvirt", "host", "--listen", "127.0.0.1:0",
                             "--stats", str(tmp_path / "h.json")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL)
    try:
        port = host.stderr.readline().decode().rsplit(":", 1)[1].strip()
        src = subprocess.run([sys.executable, "-m", "pyvirt", "run", KERNEL, *args, "--migrate-to",
                              f"127.0.0.1:{port}", "--migrate-at", "300000", "--link-mbps", "100000",
                              "--migration-report", str(tmp_path / "r.json")],
                             capture_output=True, stdin=subprocess.DEVNULL, timeout=120)
        out, err = host.communicate(timeout=120)
    finally:
        host.kill()
    assert src.returncode == 0 and b"pyvirt: migrated to 127.0.0.1:" in src.stderr, src.stderr
    assert host.returncode == 0, err
    assert src.stdout + out == whole.stdout
    assert (tmp_path / "h.json").read_bytes() == (tmp_path / "w.json").read_bytes()
    assert json.loads((tmp_path / "r.json").read_text())["stop_instret"] >= 300000
