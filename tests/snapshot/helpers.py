"""Run a guest straight through, or paused at N + snapshot file + restored in a fresh VMM, and
compare: the restored run must end with the same statistics and the same console output."""
import json
import os
import re
import subprocess
import sys

from pyvirt.config import MachineConfig
from pyvirt.costmodel.profile import PROFILES_DIR
from pyvirt.experiments.execute import CaptureConsole
from pyvirt.hypervisors import create
from pyvirt.snapshot import format, machine

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KERNEL = os.path.join(ROOT, "guests", "prebuilt", "kernel-native.elf")
DISK_BYTES = 4 << 20
STOPPED = 3       # the bare guests run 30-50 M instructions: runs of bare_config end at the instruction limit
MIP_STIP, MIP_MTIP = 1 << 5, 1 << 7
CSR_MIP = 0x344


def bare(name):
    return os.path.join(ROOT, "guests", "prebuilt", f"{name}.elf")


def kernel_config(mode, append, drives=(), **kw):
    return MachineConfig(kernel=KERNEL, mode=mode, append=append, mem_bytes=64 << 20, drives=list(drives),
                         max_insns=50_000_000, **kw)


def bare_config(mode, name, max_insns=2_000_000, **kw):
    """A bare M-mode guest, stopped by the instruction limit (they run 30-50 M instructions)."""
    return MachineConfig(kernel=bare(name), mode=mode, bios="none", mem_bytes=16 << 20, max_insns=max_insns, **kw)


def scratch_disk(path):
    with open(path, "wb") as f:
        f.truncate(DISK_BYTES)
    return path


def straight(config):
    """(exit status, stats as JSON text, console bytes) of an uninterrupted run."""
    console = CaptureConsole()
    vmm = create(config, console=console)
    status = vmm.run()
    return status, json.dumps(vmm.stats(), sort_keys=True), bytes(console.buffer)


def paused(config, n):
    """A VMM paused after n instructions, and its console so far."""
    console = CaptureConsole()
    vmm = create(config, console=console)
    vmm.pause_at = n
    assert vmm.run() is None and vmm.paused, "the guest ended before the snapshot point"
    assert vmm.hart.instret == n
    return vmm, bytes(console.buffer)


def save(vmm, path):
    """Write vmm's snapshot to path and close its board (as the CLI's snapshot run exits)."""
    size = format.write(path, machine.capture(vmm))
    vmm.board.close()
    return size


def restored(path, **overrides):
    """A fresh VMM restored from the snapshot at path, and its console."""
    data = machine.decode(format.read(path), path)
    console = CaptureConsole()
    vmm = create(machine.saved_config(data, **overrides), console=console, profile=machine.saved_profile(data))
    machine.restore(vmm, data)
    return vmm, console


def split_run(config, n, path):
    """(exit status, stats JSON text, console bytes before + after) of: run to n, snapshot to
    path, restore in a fresh VMM, run to the end."""
    first, before = paused(config, n)
    save(first, path)
    vmm, console = restored(path)
    status = vmm.run()
    return status, json.dumps(vmm.stats(), sort_keys=True), before + bytes(console.buffer)


def assert_split_equals_straight(make, n, path, status=0):
    """The run of make() snapshotted at n and restored ends as the uninterrupted run, which ends
    with status: console, statistics, status. Returns the statistics."""
    want = straight(make())
    assert want[0] == status, want[2][-500:]
    got = split_run(make(), n, path)
    assert got[2] == want[2], "console output differs"
    assert got[1] == want[1], "statistics differ"
    assert got[0] == want[0]
    return json.loads(want[1])


def first_point(config, predicate, step, limit):
    """The first multiple of step (below limit) at which predicate(vmm) holds when the run is
    paused there; the run's board is closed afterwards."""
    vmm = create(config, console=CaptureConsole())
    try:
        for n in range(step, limit, step):
            vmm.pause_at = n
            assert vmm.run() is None, "the guest ended before the predicate held"
            if predicate(vmm):
                return n
        raise AssertionError("the predicate never held")
    finally:
        vmm.board.close()


def virtio_completion_pending(vmm):
    return vmm.board.devices["virtio-blk0"].get_state()["interrupt_status"] != 0


def timer_pending(vmm):
    return vmm.board.pins.read_csr(CSR_MIP) & (MIP_STIP | MIP_MTIP) != 0


def hosted_profile(tmp_path):
    """The p4-2006 profile as a hosted (type-2) VMM: device exits also pay the host's costs."""
    text = (PROFILES_DIR / "p4-2006.toml").read_text()
    path = tmp_path / "hosted.toml"
    path.write_text(re.sub(r'hypervisor\s*=\s*"[^"]*"', 'hypervisor = "hosted"', text))
    return str(path)


def pyvirt_run(*args):
    """(exit status, stdout, stderr) of `pyvirt run ARGS` in a subprocess."""
    proc = subprocess.run([sys.executable, "-m", "pyvirt", "run", *args], capture_output=True,
                          stdin=subprocess.DEVNULL, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr.decode()
