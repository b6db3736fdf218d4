"""Whole programs under hvm behave as they do natively: the bare-metal guests (guests/prebuilt,
--bios none, their M-mode running in non-root mode with M-level CSR accesses exiting), the
tohost ISA tests and the differential programs (tests/programs, built by tests/test_isa.py's
fixture), and the S-mode SBI programs (tests/programs/sbi, on the VMM's SBI)."""
import pytest

from tests.test_isa import diff_program_names, isa_test_names, programs_dir  # noqa: F401 (fixture)
from tests.test_prebuilt import BARE_RESULTS, PREBUILT
from tests.test_sbi import PROGRAMS as SBI_PROGRAMS, SRC as SBI_SRC, built  # noqa: F401 (fixture)
from tests.trap.harness import run

MMUS = ("nested", "shadow")
ISA_MAX_INSNS = 5_000_000


@pytest.mark.parametrize("mmu", MMUS)
@pytest.mark.parametrize("prog", sorted(BARE_RESULTS))
def test_bare_program_same_output_and_instructions(prog, mmu):
    native = run(PREBUILT / f"{prog}.elf", "native", max_insns=100_000_000)
    hvm = run(PREBUILT / f"{prog}.elf", "hvm", mmu=mmu, max_insns=100_000_000)
    assert BARE_RESULTS[prog] in native.output.splitlines()
    assert (hvm.status, hvm.output) == (native.status, native.output) == (0, native.output)
    assert hvm.stats["instructions"] == native.stats["instructions"]
    # every device access exits (the UART, the finisher), once
    st = hvm.stats
    device = "ept_violation" if mmu == "nested" else "mmio"
    assert st["hvm"]["by_reason"][device]["exits"] == sum(d["reads"] + d["writes"] for d in st["devices"].values())


@pytest.mark.parametrize("name", isa_test_names())
def test_isa_program_passes_under_hvm(programs_dir, name):  # noqa: F811
    elf = programs_dir / "isa" / f"{name}.elf"
    native = run(elf, "native", max_insns=ISA_MAX_INSNS)
    assert native.status == 0, native.vmm.diagnostic
    for mmu in MMUS:
        hvm = run(elf, "hvm", mmu=mmu, max_insns=ISA_MAX_INSNS)
        assert (hvm.status, hvm.output) == (native.status, native.output), \
            f"{mmu}: status {hvm.status} (failing case number), {hvm.vmm.diagnostic}"


@pytest.mark.parametrize("name", diff_program_names())
def test_diff_program_same_output(programs_dir, name):  # noqa: F811
    elf = programs_dir / "diff" / f"{name}.elf"
    native = run(elf, "native", max_insns=50_000_000)
    for mmu in MMUS:
        hvm = run(elf, "hvm", mmu=mmu, max_insns=50_000_000)
        assert (hvm.status, hvm.output) == (native.status, native.output), mmu


@pytest.mark.parametrize("name", SBI_PROGRAMS)
def test_sbi_program_on_the_vmm_sbi(built, name):  # noqa: F811
    expected = (SBI_SRC / f"{name}.expected").read_text()
    native = run(built / f"{name}.elf", "native", bios="builtin")
    assert native.output == expected
    for mmu in MMUS:
        hvm = run(built / f"{name}.elf", "hvm", bios="builtin", mmu=mmu)
        assert hvm.output == expected, mmu
        assert hvm.status == native.status == 0
        assert hvm.stats["exit"]["power"] == "shutdown"
        assert hvm.stats["firmware"]["sbi_calls"] == native.stats["firmware"]["sbi_calls"]
        assert hvm.stats["hvm"]["by_reason"]["vmcall"]["exits"] == sum(native.stats["firmware"]["sbi_calls"].values())
