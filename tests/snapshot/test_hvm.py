"""Snapshots of hvm mode: the VMCS (controls, bitmaps, second stage, page-walk cache, shadow
roots, exit information, counters), the exit accounting, the shadow MMU and the run loop's
place are saved with the machine, and a restored run ends bit-identical to the uninterrupted
one under nested and shadow paging, with non-default controls, mid virtio I/O, with an
interrupt pending and between a VM exit and the next entry (shadow paging with a small pool,
both policies and a hosted profile: test_roundtrip.py)."""
import pytest

from pyvirt.snapshot import machine

from .helpers import (STOPPED, assert_split_equals_straight, bare_config, first_point, kernel_config, paused,
                      pyvirt_run, restored, save, scratch_disk, split_run, straight, timer_pending,
                      virtio_completion_pending)

MMUS = ["nested", "shadow"]
CASES = [
    ("bare-hello", lambda **kw: bare_config("hvm", "hello", **kw), 200, 0),
    ("bare-crc32", lambda **kw: bare_config("hvm", "crc32", **kw), 1_234_567, STOPPED),
    ("bare-qsort", lambda **kw: bare_config("hvm", "qsort", **kw), 777_777, STOPPED),
    ("kernel-syscall", lambda **kw: kernel_config("hvm", "run syscall 300", **kw), 290_000, 0),
    ("kernel-pgfault-forkwait", lambda **kw: kernel_config("hvm", "run pgfault 100; run forkwait 5", **kw),
     400_000, 0),
    ("kernel-ptemod-tlbstress", lambda **kw: kernel_config("hvm", "run ptemod 200; run tlbstress 2000 64", **kw),
     300_000, 0),
    ("kernel-ctxsw-mmio", lambda **kw: kernel_config("hvm", "run ctxsw 50; run mmio_in 50", **kw), 300_000, 0),
]


@pytest.mark.parametrize("mmu", MMUS)
@pytest.mark.parametrize("name,make,n,status", CASES, ids=[c[0] for c in CASES])
def test_restored_hvm_run_is_bit_identical(tmp_path, mmu, name, make, n, status):
    assert_split_equals_straight(lambda: make(mmu=mmu), n, str(tmp_path / "vm.snap"), status)


@pytest.mark.parametrize("mmu", MMUS)
def test_a_restored_vm_holds_the_saved_state(tmp_path, mmu):
    """Every section a restored VM would save again equals the snapshot's (the VMCS, the
    accounting, the shadow MMU and the mirror of the guest's translation state included)."""
    vmm, _ = paused(kernel_config("hvm", "run pgfault 100; run ptemod 100", mmu=mmu, hvm="pwc=on"), 400_000)
    sections = machine.capture(vmm)
    save(vmm, str(tmp_path / "vm.snap"))
    again, _ = restored(str(tmp_path / "vm.snap"))
    assert machine.capture(again) == sections
    again.board.close()


@pytest.mark.parametrize("mmu,controls", [
    ("nested", "vpid=off,pwc=on"),
    ("nested", "pwc=on,ept-page=2m,extint=off,intwin=off,preempt=20000"),
    ("nested", "mmio=plic+clint,wfi=off,csr=none,exceptions=2+3,ept-page=1g"),     # the UART passed through
    ("shadow", "vpid=off,preempt=50000,exceptions=2,extint=off"),
])
def test_non_default_controls(tmp_path, mmu, controls):
    def make():
        return kernel_config("hvm", "run pgfault 50; run tlbstress 2000 64; run mmio_in 20; run timer 2", mmu=mmu,
                             hvm=controls)
    stats = assert_split_equals_straight(make, 700_000, str(tmp_path / "vm.snap"))
    assert stats["hvm"]["controls"]["vpid"] == ("vpid=off" not in controls)


@pytest.mark.parametrize("mmu", MMUS)
def test_snapshot_mid_virtio_io(tmp_path, mmu):
    def config(name):
        return kernel_config("hvm", "run disk virtio 64", drives=[scratch_disk(str(tmp_path / name))], mmu=mmu)
    n = first_point(config("probe.img"), virtio_completion_pending, step=997, limit=3_000_000)
    want = straight(config("straight.img"))
    assert want[0] == 0 and b"DONE name=disk status=0" in want[2]
    assert split_run(config("split.img"), n, str(tmp_path / "vm.snap")) == want
    assert (tmp_path / "split.img").read_bytes() == (tmp_path / "straight.img").read_bytes()


def between_exit_and_entry(vmm):
    """The slice ended in the VMM: the next slice starts with a VM entry (and its injection)."""
    return not vmm._in_guest


@pytest.mark.parametrize("mmu", MMUS)
@pytest.mark.parametrize("append,predicate,step", [
    ("run timer 5", timer_pending, 101),
    ("run csr_write 2000; run timer 2", between_exit_and_entry, 1),
], ids=["interrupt-pending", "entry-owed"])
def test_snapshot_with_an_interrupt_pending_or_a_vm_entry_owed(tmp_path, mmu, append, predicate, step):
    def config():
        return kernel_config("hvm", append, mmu=mmu)
    n = first_point(config(), predicate, step=step, limit=5_000_000)
    assert_split_equals_straight(config, n, str(tmp_path / "vm.snap"))


def test_cli_snapshot_and_restore_of_an_hvm_run(tmp_path):
    args = [bare_config("hvm", "hello").kernel, "--bios", "none", "--mode", "hvm", "--mmu", "shadow",
            "--hvm", "vpid=off,csr=m+time:r"]
    status, whole, err = pyvirt_run(*args, "--stats", str(tmp_path / "whole.json"))
    assert status == 0, err
    status, before, err = pyvirt_run(*args, "--snapshot-at", "300", "--snapshot", str(tmp_path / "vm.snap"))
    assert status == 0, err
    status, after, err = pyvirt_run("--restore", str(tmp_path / "vm.snap"), "--stats", str(tmp_path / "restored.json"))
    assert status == 0, err
    assert before + after == whole
    assert (tmp_path / "restored.json").read_bytes() == (tmp_path / "whole.json").read_bytes()
