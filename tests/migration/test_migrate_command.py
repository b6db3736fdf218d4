"""`pyvirt migrate`: a VM received by one `pyvirt host` moves on to another host at the requested
instruction; the three consoles together are the uninterrupted run's and the last host's
statistics are the uninterrupted run's. Bad input gives one error line and exit status 2."""
import json
import socket
import subprocess
import sys

import pytest

from pyvirt.cli import main
from tests.snapshot.helpers import KERNEL

PYVIRT = [sys.executable, "-m", "pyvirt"]
ARGS = ["--mode", "native", "--mem", "16M", "--append", "run ctxsw 300; run compute 1"]


def start_host(stats):
    """A `pyvirt host` on a free loopback port: (its process, its address)."""
    host = subprocess.Popen([*PYVIRT, "host", "--listen", "127.0.0.1:0", "--stats", str(stats)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    return host, "127.0.0.1:" + host.stderr.readline().decode().rsplit(":", 1)[1].strip()


def test_a_vm_moves_from_host_to_host(tmp_path):
    whole = subprocess.run([*PYVIRT, "run", KERNEL, *ARGS, "--stats", str(tmp_path / "w.json")],
                           capture_output=True, stdin=subprocess.DEVNULL, timeout=60)
    first, a = start_host(tmp_path / "a.json")
    second, b = start_host(tmp_path / "b.json")
    try:
        # asked before the VM reaches the first host: it applies once the VM has run to --at
        order = subprocess.Popen([*PYVIRT, "migrate", a, "--to", b, "--at", "1200000", "--link-mbps", "100000",
                                  "--migration-report", str(tmp_path / "r.json")],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        src = subprocess.run([*PYVIRT, "run", KERNEL, *ARGS, "--migrate-to", a, "--migrate-at", "300000", "--link-mbps", "100000"],
                             capture_output=True, stdin=subprocess.DEVNULL, timeout=60)
        ordered = order.communicate(timeout=60)
        out_a, err_a = first.communicate(timeout=60)
        out_b, err_b = second.communicate(timeout=60)
    finally:
        for process in (first, second):
            process.kill()
    assert src.returncode == 0, src.stderr
    assert order.returncode == 0 and f"pyvirt: migrated to {b}".encode() in ordered[1], ordered[1]
    assert (first.returncode, second.returncode) == (0, whole.returncode), (err_a, err_b)
    assert src.stdout + out_a + out_b == whole.stdout
    assert (tmp_path / "b.json").read_bytes() == (tmp_path / "w.json").read_bytes()
    assert not (tmp_path / "a.json").exists()
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["start_instret"] == 1200000 and report["stop_instret"] > 1200000


def test_a_failed_move_leaves_the_vm_running_on_its_host(tmp_path):
    whole = subprocess.run([*PYVIRT, "run", KERNEL, *ARGS, "--stats", str(tmp_path / "w.json")],
                           capture_output=True, stdin=subprocess.DEVNULL, timeout=60)
    closed = socket.create_server(("127.0.0.1", 0))
    nowhere = f"127.0.0.1:{closed.getsockname()[1]}"
    closed.close()                                      # nothing listens there any more
    host, a = start_host(tmp_path / "a.json")
    try:
        order = subprocess.Popen([*PYVIRT, "migrate", a, "--to", nowhere, "--at", "1200000"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        src = subprocess.run([*PYVIRT, "run", KERNEL, *ARGS, "--migrate-to", a, "--migrate-at", "300000",
                              "--link-mbps", "100000"], capture_output=True, stdin=subprocess.DEVNULL, timeout=60)
        ordered = order.communicate(timeout=60)
        out, err = host.communicate(timeout=60)
    finally:
        host.kill()
    assert order.returncode == 1 and ordered[1].startswith(b"pyvirt: migration failed: "), ordered[1]
    assert b"the guest keeps running here" in err
    assert (src.returncode, host.returncode) == (0, whole.returncode)
    assert src.stdout + out == whole.stdout
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "w.json").read_bytes()


@pytest.mark.parametrize("argv,message", [
    (["migrate", "nowhere", "--to", "127.0.0.1:1"], "'nowhere' is not an address HOST:PORT"),
    (["migrate", "127.0.0.1:1", "--to", "127.0.0.1:99999"], "'127.0.0.1:99999' is not an address HOST:PORT"),
    (["migrate", "127.0.0.1:1", "--to", "127.0.0.1:2", "--at", "-5"], "--at: '-5' is not an instruction count"),
    (["migrate", "127.0.0.1:1", "--to", "127.0.0.1:2", "--link-mbps", "0"], "'0' is not a positive number"),
    (["migrate", "127.0.0.1:1"], "the following arguments are required: --to"),
    (["migrate", "127.0.0.1:1", "--to", "127.0.0.1:2"], "cannot reach the host 127.0.0.1:1"),
])
def test_bad_input_is_one_error_line(capsys, argv, message):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err, err
