"""The bundled kernel (guests/prebuilt/kernel-native.elf, S-mode under the SBI) under trap mode:
the statistics of `run all` under both shadow policies (its output: tests/test_virtualized.py);
the disk workloads leave the same disk as natively."""
import pytest

from tests.test_guest_kernel import KERNEL

from .harness import POLICIES, assert_kernel_accounting, run, same_disk_output

MAX_INSNS = 200_000_000


@pytest.fixture(scope="module", params=POLICIES)
def trap_all(request):
    return run(KERNEL, "trap", bios="builtin", append="run all", max_insns=MAX_INSNS, profile="default",
               policy=request.param)


def test_run_all_statistics_are_consistent(trap_all):
    st = trap_all.stats
    assert_kernel_accounting(st)
    # the physical hart runs everything in U-mode; every S-mode CSR access is an exit
    assert st["physical_traps"]["exceptions"]["illegal_insn"] >= st["trap"]["by_reason"]["csr"]["exits"]
    reasons = st["trap"]["by_reason"]
    for name in ("csr", "sret", "ecall", "sbi", "shadow_fill", "guest_page_fault", "mmio:uart", "sfence.vma"):
        assert reasons[name]["exits"] > 0, name
    assert reasons["shadow_fill"]["exits"] == st["trap"]["shadow"]["hidden_faults"]
    assert reasons["guest_page_fault"]["exits"] == st["trap"]["shadow"]["true_faults"]
    # guest-visible traps: what the kernel saw, as natively (page faults of demand paging, ecalls)
    assert st["traps"]["exceptions"]["ecall_u"] > 0 and st["traps"]["exceptions"]["store_page_fault"] > 0
    assert st["trap"]["injected"]["sti"] == st["traps"]["interrupts"]["sti"]
    if st["trap"]["shadow"]["policy"] == "trace":
        assert reasons["pt_write"]["exits"] == st["trap"]["shadow"]["traced_writes"] > 0
    else:
        assert "pt_write" not in reasons and st["trap"]["shadow"]["resyncs"] > 0


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("driver,interface", [("pio", "pio"), ("virtio", "virtio")])
def test_disk_workload_under_trap(tmp_path, policy, driver, interface):
    r = same_disk_output(tmp_path, {"mode": "trap", "policy": policy}, driver, interface)
    device = "piodisk" if interface == "pio" else "virtio-blk0"
    assert r.stats["trap"]["by_reason"][f"mmio:{device}"]["exits"] > 0
