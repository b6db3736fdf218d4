"""Run probes (tests/trap/harness.py) natively and under hvm with a set of VMCS controls, and
check the guest saw exactly what it sees natively."""
from tests.trap.harness import run, write_elf

MMUS = ("nested", "shadow")


def same_as_native(tmp_path, probe, controls="", max_insns=200_000, data_bytes=4096, mmus=MMUS):
    """Run probe natively and under hvm (--hvm controls, each of mmus); assert identical guest
    state; return {mmu: hvm Run}."""
    path = write_elf(tmp_path, probe)
    native = run(path, "native", max_insns=max_insns)
    assert native.status == 0, (native.status, native.vmm.diagnostic)
    want = native.guest_state(data_bytes)
    runs = {}
    for mmu in mmus:
        got = run(path, "hvm", mmu=mmu, hvm=controls, max_insns=max_insns)
        state = got.guest_state(data_bytes)
        for key in want:
            assert state[key] == want[key], f"{mmu} {controls}: {key} differs: native {want[key]!r} hvm {state[key]!r}"
        runs[mmu] = got
    return runs


def csr_exits(run_):
    """CSR exits by name, without the PMP writes shadow paging always intercepts."""
    return {k: n for k, n in run_.stats["hvm"]["csr_exits"].items() if not k.startswith("pmp")}


def exits(run_, reason):
    """Exits of reason in a finished hvm run (0 if none)."""
    return run_.stats["hvm"]["by_reason"].get(reason, {"exits": 0})["exits"]
