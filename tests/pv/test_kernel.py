"""The paravirtual build of the bundled kernel (guests/prebuilt/kernel-pv.elf) under pv mode:
every workload prints the same functional output as the native build natively, the disk
workloads run over the shared block ring, and the nanobenchmarks have issue 5's shape with
the default profile (pv cheaper than trap on ptemod, pgfault, forkwait and disk I/O, compute
within 3 % of native), which the statistics explain."""
import os
import re

import pytest

from tests.test_guest_kernel import DISK_SECTORS, KERNEL, done_lines, functional
from tests.trap.harness import run

KERNEL_PV = os.path.join(os.path.dirname(KERNEL), "kernel-pv.elf")
MAX_INSNS = 200_000_000


def pv_run(append, **kw):
    return run(KERNEL_PV, "pv", bios="builtin", append=append, max_insns=MAX_INSNS, profile="default", **kw)


def per_iter(result, name):
    """cycles per iteration of BENCH line name."""
    return float(re.search(rf"^BENCH name={name} .*per_iter=([0-9.]+)", result.output, re.M).group(1))


@pytest.fixture(scope="module")
def native_all():
    return run(KERNEL, "native", bios="builtin", append="run all", max_insns=MAX_INSNS, profile="default")


@pytest.fixture(scope="module")
def pv_all():
    return pv_run("run all")


def test_run_all_same_functional_output(native_all, pv_all):
    assert pv_all.status == 0, pv_all.vmm.diagnostic
    assert set(done_lines(pv_all.output).values()) == {"0"}
    assert "pyvirt kernel (pv)" in pv_all.output
    assert functional(pv_all.output.replace("(pv)", "(native)")) == functional(native_all.output)


def test_run_all_statistics_are_consistent(pv_all):
    st = pv_all.stats
    assert st["cycles"]["total"] == sum(st["cycles"]["by_category"].values())
    insns = st["instructions"]
    assert insns["total"] == insns["user"] + insns["supervisor"] and insns["machine"] == 0
    assert st["physical_instructions"]["user"] == insns["total"]      # all of it in physical U-mode
    pv = st["pv"]
    assert pv["exits"] == sum(r["exits"] for r in pv["by_reason"].values())
    assert sum(h["count"] for h in pv["hypercalls"].values()) == pv["by_reason"]["hypercall"]["exits"]
    # every user system call is bounced to the guest kernel and returns by trap_return
    assert pv["upcalls"]["ecall_u"] == pv["by_reason"]["syscall"]["exits"]
    assert pv["hypercalls"]["trap_return"]["count"] >= pv["by_reason"]["syscall"]["exits"]
    assert pv["paging"]["refused"] == 0 and pv["paging"]["pinned"] > pv["paging"]["unpinned"] > 0
    assert pv["multicall_batches"] and pv["mmu_update_batches"]


def test_pv_runs_are_deterministic():
    first, second = pv_run("run forkwait 20; run syscall 100"), pv_run("run forkwait 20; run syscall 100")
    assert first.output == second.output
    assert first.stats == second.stats


@pytest.mark.parametrize("driver,interface", [("pv", "pv"), ("virtio", "virtio"), ("pio", "pio")])
def test_disk_workloads(tmp_path, driver, interface):
    image = tmp_path / "disk.img"
    image.write_bytes(bytes(512 * DISK_SECTORS))
    result = pv_run(f"run disk {driver} 256", drives=[f"file={image},if={interface}"])
    assert result.status == 0, result.output
    assert done_lines(result.output) == {"disk": "0"}
    block = result.stats["pv"]["block"]
    if driver == "pv":
        assert block["errors"] == 0 and block["requests"] == block["batches"] > 0
        assert block["sectors_written"] >= 512 and block["sectors_read"] >= 512
    else:
        assert block is None


def test_pv_disk_writes_the_image(tmp_path):
    image = tmp_path / "disk.img"
    image.write_bytes(bytes(512 * DISK_SECTORS))
    result = pv_run("run build 2", drives=[f"file={image},if=pv"])
    assert result.status == 0 and "file store on pv-blk" in result.output
    assert image.read_bytes().count(0) < len(image.read_bytes())        # the file store landed on it


def test_nanobenchmark_shape(tmp_path):
    """Issue 5's done-when, with the default profile."""
    image = tmp_path / "disk.img"
    native, trap, pv = {}, {}, {}
    for mode, kernel, table in (("native", KERNEL, native), ("trap", KERNEL, trap), ("pv", KERNEL_PV, pv)):
        result = run(kernel, mode, bios="builtin", max_insns=MAX_INSNS, profile="default",
                     append="run ptemod 500; run pgfault 200; run forkwait 20; run compute 1")
        assert result.status == 0, result.output
        for name in ("ptemod", "pgfault", "forkwait", "compute"):
            table[name] = per_iter(result, name)
        driver = "pv" if mode == "pv" else "virtio"
        image.write_bytes(bytes(512 * DISK_SECTORS))
        result = run(kernel, mode, bios="builtin", max_insns=MAX_INSNS, profile="default",
                     append=f"run disk {driver} 256", drives=[f"file={image},if={driver}"])
        table["disk"] = per_iter(result, "disk_seq_read")
    for name in ("ptemod", "pgfault", "forkwait", "disk"):
        assert pv[name] < trap[name], (name, pv[name], trap[name])
    assert abs(pv["compute"] - native["compute"]) <= 0.03 * native["compute"]
