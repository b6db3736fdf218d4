"""The bundled kernel (guests/prebuilt/kernel-native.elf, S-mode under the SBI) under trap mode:
every workload prints the same functional output as natively (timings masked as in
tests/test_guest_kernel.py), under both shadow policies, with and without disks."""
import pytest

from tests.test_guest_kernel import DISK_SECTORS, KERNEL, done_lines, functional

from .harness import POLICIES, run

MAX_INSNS = 200_000_000


@pytest.fixture(scope="module")
def native_all():
    return run(KERNEL, "native", bios="builtin", append="run all", max_insns=MAX_INSNS, profile="default")


@pytest.fixture(scope="module", params=POLICIES)
def trap_all(request):
    return run(KERNEL, "trap", bios="builtin", append="run all", max_insns=MAX_INSNS, profile="default",
               policy=request.param)


def test_run_all_same_functional_output(native_all, trap_all):
    assert native_all.status == 0 and "SUMMARY ran=14 failed=0" in native_all.output
    assert trap_all.status == 0, trap_all.vmm.diagnostic
    assert functional(trap_all.output) == functional(native_all.output)
    assert set(done_lines(trap_all.output).values()) == {"0"}


def test_run_all_statistics_are_consistent(trap_all):
    st = trap_all.stats
    cycles = st["cycles"]
    assert cycles["total"] == sum(cycles["by_category"].values())
    insns = st["instructions"]
    assert insns["total"] == insns["user"] + insns["supervisor"] + insns["machine"]
    assert insns["user"] > 0 and insns["supervisor"] > 0 and insns["machine"] == 0
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
    outputs = {}
    for mode in ("native", "trap"):
        image = tmp_path / f"{mode}.img"
        image.write_bytes(bytes(512 * DISK_SECTORS))
        r = run(KERNEL, mode, bios="builtin", append=f"run disk {driver}; run build 3",
                drives=[f"file={image},if={interface}"], policy=policy, max_insns=MAX_INSNS)
        assert r.status == 0, (mode, r.output[-2000:], r.vmm.diagnostic)
        outputs[mode] = (functional(r.output), image.read_bytes())
        if mode == "trap":
            device = "piodisk" if interface == "pio" else "virtio-blk0"
            assert r.stats["trap"]["by_reason"][f"mmio:{device}"]["exits"] > 0
    assert outputs["trap"] == outputs["native"]
