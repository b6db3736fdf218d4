"""Every cycle of an hvm run is attributed: the guest's own execution costs what it costs
natively, and the difference is exactly the VM exits, entries, the VMM's work per operation
(docs/hvm.md, "Costs") and the second stage's walks; hosted profiles add the host's part."""
import pytest

from pyvirt.experiments import profiles
from tests.test_prebuilt import PREBUILT
from tests.trap.harness import run

HVM_ONLY = ("vm_exit", "vm_entry", "host")


@pytest.mark.parametrize("mmu", ["nested", "shadow"])
def test_the_difference_to_native_is_the_vmm_and_the_walks(mmu):
    native = run(PREBUILT / "crc32.elf", "native", profile="default", max_insns=100_000_000).stats
    hvm = run(PREBUILT / "crc32.elf", "hvm", mmu=mmu, profile="default", max_insns=100_000_000).stats
    n, h = native["cycles"]["by_category"], hvm["cycles"]["by_category"]
    for category in ("user", "supervisor", "machine", "device", "trap_entry", "firmware", "idle"):
        assert h[category] == n[category], category
    extra = sum(c for k, c in h.items() if k in HVM_ONLY or k.startswith("vmm:"))
    walks = h["page_walk"] - n["page_walk"]
    assert hvm["cycles"]["total"] - native["cycles"]["total"] == extra + walks
    assert walks == hvm["tlb"]["walk_refs"] * hvm["profile"]["events"]["tlb_walk_ref"]


def test_work_per_exit_under_the_unit_profile():
    hvm = run(PREBUILT / "hello.elf", "hvm", profile="unit").stats["hvm"]
    reasons = hvm["by_reason"]
    # vmm_exit + vmcs_read + vmm_decode + vmm_emulate + vmcs_write
    assert reasons["csr_read"]["vmm_cycles"] == 5 * reasons["csr_read"]["exits"]
    # a Bare guest's device access: vmm_exit + 2 vmcs_read + vmm_decode + vmm_emulate + vmcs_write
    assert reasons["ept_violation"]["vmm_cycles"] == 6 * reasons["ept_violation"]["exits"]
    assert hvm["vm_exit_cycles"] == hvm["exits"] and hvm["vm_entry_cycles"] == hvm["entries"]


def test_hosted_device_exits_pass_through_the_host(tmp_path):
    doc = profiles.derive("ivybridge-2013", {"model.hypervisor": "hosted"})
    path = tmp_path / "hosted.toml"
    path.write_text(profiles.to_toml(doc))
    st = run(PREBUILT / "hello.elf", "hvm", profile=str(path)).stats
    hvm, ev = st["hvm"], st["profile"]["events"]
    assert hvm["host_exits"] == hvm["by_reason"]["ept_violation"]["exits"] > 0
    per_pass = 2 * ev["world_switch"] + ev["host_io"] + ev["host_sched_delay"]
    assert st["cycles"]["by_category"]["host"] == hvm["host_exits"] * per_pass
