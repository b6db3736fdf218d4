"""The bundled kernel (guests/prebuilt/kernel-native.elf, S-mode under the SBI) under hvm: the
statistics of `run all` account for every cycle and exit (its output: tests/test_virtualized.py);
the disk workloads leave the same disk as natively."""
import pytest

from tests.test_guest_kernel import KERNEL
from tests.trap.harness import assert_kernel_accounting, run, same_disk_output

from .harness import MMUS


@pytest.fixture(scope="module", params=MMUS)
def hvm_all(request):
    return run(KERNEL, "hvm", bios="builtin", append="run all", max_insns=200_000_000, profile="default",
               mmu=request.param)


def test_run_all_statistics_are_consistent(hvm_all):
    st = hvm_all.stats
    cycles = st["cycles"]
    assert_kernel_accounting(st)
    hvm = st["hvm"]
    reasons = hvm["by_reason"]
    assert hvm["exits"] == sum(r["exits"] for r in reasons.values())
    assert hvm["entries"] == hvm["exits"] + 1                       # the first entry, then one per exit
    assert cycles["by_category"]["vm_exit"] == hvm["exits"] * st["profile"]["events"]["vm_exit"]
    # the guest kernel's own traps (system calls, delegated exceptions) never exit as such
    assert "exception" not in reasons and "trap_to_m" not in reasons
    assert st["traps"]["exceptions"]["ecall_u"] > 0 and st["traps"]["exceptions"]["store_page_fault"] > 0
    # SBI calls are vmcalls; every device access exits, once
    assert reasons["vmcall"]["exits"] == sum(st["firmware"]["sbi_calls"].values())
    device = "ept_violation" if hvm["mmu"] == "nested" else "mmio"
    assert reasons[device]["exits"] == sum(d["reads"] + d["writes"] for d in st["devices"].values())
    assert sum(m["exits"] for m in hvm["mmio_exits"].values()) == reasons[device]["exits"]
    # timer interrupts exit (external-interrupt exiting) and are injected at the next entry
    assert reasons["external_interrupt"]["exits"] > 0
    assert sum(hvm["injected"].values()) == sum(st["traps"]["interrupts"].values())
    if hvm["mmu"] == "nested":
        nested = hvm["nested"]
        assert 0 < nested["walks_2d"] <= st["tlb"]["misses"] and nested["ept_refs"] > nested["guest_refs"] > 0
        assert not {"shadow_fill", "guest_page_fault", "satp_write", "sfence.vma"} & set(reasons)
    else:
        # shadow paging: hidden and true page faults, page-table writes, address-space switches exit
        shadow = hvm["shadow"]
        assert reasons["shadow_fill"]["exits"] == shadow["hidden_faults"] > 0
        assert reasons["guest_page_fault"]["exits"] == shadow["true_faults"] > 0
        assert reasons["pt_write"]["exits"] == shadow["traced_writes"] > 0
        assert reasons["satp_write"]["exits"] > 0 and reasons["sfence.vma"]["exits"] > 0


@pytest.mark.parametrize("mmu", MMUS)
@pytest.mark.parametrize("driver,interface", [("pio", "pio"), ("virtio", "virtio")])
def test_disk_workload_under_hvm(tmp_path, mmu, driver, interface):
    r = same_disk_output(tmp_path, {"mode": "hvm", "mmu": mmu}, driver, interface)
    device = "piodisk" if interface == "pio" else "virtio-blk0"
    assert r.stats["hvm"]["mmio_exits"][device]["exits"] > 0
