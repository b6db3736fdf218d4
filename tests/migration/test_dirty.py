"""The dirty log (machine/dirty.pxd): every page whose contents change while it is on is
reported at the next take, whoever wrote it (the hart's fast and slow stores, AMOs, A/D
updates, a VMM, device DMA); a page nobody wrote is not; and logging changes no simulated
statistic (a logged run ends exactly as an unlogged one)."""
import json

import numpy as np
import pytest

from pyvirt.config import MachineConfig
from pyvirt.experiments.execute import CaptureConsole
from pyvirt.hypervisors import create
from tests.snapshot.helpers import KERNEL, bare, scratch_disk, straight

PAGE = 4096


def kernel_config(mode, tmp_path):
    """A kernel guest that dirties a working set and reads a disk by DMA (virtio, or the pv ring)."""
    pv = mode == "pv"
    disk = scratch_disk(str(tmp_path / "disk.img"))
    return MachineConfig(kernel=KERNEL.replace("kernel-native", "kernel-pv") if pv else KERNEL, mode=mode,
                         append=f"run tlbstress 50000 64; run disk {'pv' if pv else 'virtio'} 32",
                         drives=[f"file={disk},if=pv" if pv else disk], mem_bytes=16 << 20, max_insns=50_000_000)


def changed(before: bytes, now: bytes):
    """The page numbers whose contents differ."""
    a = np.frombuffer(before, dtype=np.uint64).reshape(-1, PAGE // 8)
    b = np.frombuffer(now, dtype=np.uint64).reshape(-1, PAGE // 8)
    return set(np.nonzero((a != b).any(axis=1))[0].tolist())


def logged_run(config, at, chunk):
    """Run config to the end with the log on from instruction `at`, taking it every `chunk`
    instructions and checking that every changed page is reported. (exit status, stats JSON,
    console bytes, the takes, the VMM)."""
    console = CaptureConsole()
    vmm = create(config, console=console)
    vmm.pause_at = at
    assert vmm.run() is None
    hart, bus = vmm.hart, vmm.board.bus
    hart.log_dirty(True)
    before, takes = bus.ram_bytes(), []
    while vmm.paused:
        vmm.pause_at = hart.instret + chunk
        status = vmm.run()
        now, frames = bus.ram_bytes(), hart.take_dirty()
        assert changed(before, now) <= set(frames), "a changed page was not reported"
        takes.append(frames)
        before = now
    return status, json.dumps(vmm.stats(), sort_keys=True), bytes(console.buffer), takes, vmm


@pytest.mark.parametrize("mode", ["native", "trap", "pv", "hvm"])
def test_every_changed_page_is_reported_and_logging_is_invisible(mode, tmp_path):
    config = kernel_config(mode, tmp_path)
    status, stats, console, takes, vmm = logged_run(config, at=200_000, chunk=50_000)
    assert (status, stats, console) == straight(config)
    pages = vmm.board.bus.ram_size // PAGE
    assert all(len(t) < pages // 4 for t in takes)         # clean pages are not reported
    if mode == "trap":                                     # emulated stores to traced guest tables happened
        assert json.loads(stats)["trap"]["shadow"]["traced_writes"] > 0


def test_bare_m_mode_stores_are_logged():
    """M-mode with translation off: the bare fast path loses its store grant while logging."""
    config = MachineConfig(kernel=bare("qsort"), mode="native", bios="none", mem_bytes=16 << 20, max_insns=3_000_000)
    status, stats, console, takes, _ = logged_run(config, at=100_000, chunk=300_000)
    assert (status, stats, console) == straight(config)
    assert any(takes)


def paused_kernel(mode, tmp_path, at=300_000):
    vmm = create(kernel_config(mode, tmp_path), console=CaptureConsole())
    vmm.pause_at = at
    assert vmm.run() is None
    vmm.hart.log_dirty(True)
    return vmm


def test_a_take_reports_nothing_when_nothing_was_written(tmp_path):
    vmm = paused_kernel("native", tmp_path)
    assert vmm.hart.take_dirty() == []


def test_dma_writes_are_reported(tmp_path):
    """GuestMemory writes (virtio-blk reads into guest memory, loaders, VMMs) mark their pages."""
    vmm = paused_kernel("native", tmp_path)
    bus = vmm.board.bus
    bus.write_bytes(bus.ram_base + 5 * PAGE + 4090, bytes(10))          # crosses into page 6
    assert vmm.hart.take_dirty() == [5, 6]


def test_virtio_dma_pages_are_reported(tmp_path):
    vmm = paused_kernel("native", tmp_path, at=200_000)
    bus, dma = vmm.board.bus, set()
    bus.write_observer = lambda pa, n: dma.update(range((pa - bus.ram_base) // PAGE, (pa + n - 1 - bus.ram_base) // PAGE + 1))
    reported = set()
    while vmm.paused and len(dma) < 8:
        vmm.pause_at = vmm.hart.instret + 50_000
        vmm.run()
        reported |= set(vmm.hart.take_dirty())
    assert dma and dma <= reported


def test_the_pv_shared_page_written_by_the_vmm_is_reported(tmp_path):
    vmm = paused_kernel("pv", tmp_path)
    core = vmm.core
    vmm.hart.take_dirty()
    assert core.raise_event(1)
    assert (core.shared_pa - vmm.board.bus.ram_base) // PAGE in vmm.hart.take_dirty()
