"""Whole programs under trap mode behave as they do natively: the bare-metal guests
(guests/prebuilt, --bios none), the tohost ISA tests and the differential programs
(tests/programs, built by tests/test_isa.py's fixture), and the S-mode SBI programs
(tests/programs/sbi, on the VMM's SBI). Each runs in-process under both shadow policies."""
import pytest

from tests.test_isa import diff_program_names, isa_test_names, programs_dir  # noqa: F401 (fixture)
from tests.test_prebuilt import BARE_RESULTS, PREBUILT
from tests.test_sbi import PROGRAMS as SBI_PROGRAMS, SRC as SBI_SRC, built  # noqa: F401 (fixture)

from .harness import POLICIES, run

ISA_MAX_INSNS = 5_000_000


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("prog", sorted(BARE_RESULTS))
def test_bare_program_same_output_and_status(prog, policy):
    native = run(PREBUILT / f"{prog}.elf", "native", max_insns=100_000_000)
    trap = run(PREBUILT / f"{prog}.elf", "trap", policy=policy, max_insns=100_000_000)
    assert BARE_RESULTS[prog] in native.output.splitlines()
    assert (trap.status, trap.output) == (native.status, native.output) == (0, native.output)
    # no interrupts, no timer: the guest retires exactly the same instructions
    assert trap.vmm.hart.instret == native.vmm.hart.instret
    assert trap.stats["instructions"] == native.stats["instructions"]


@pytest.mark.parametrize("name", isa_test_names())
def test_isa_program_passes_under_trap(programs_dir, name):  # noqa: F811
    elf = programs_dir / "isa" / f"{name}.elf"
    native = run(elf, "native", max_insns=ISA_MAX_INSNS)
    assert native.status == 0, native.vmm.diagnostic
    for policy in POLICIES:
        trap = run(elf, "trap", policy=policy, max_insns=ISA_MAX_INSNS)
        assert (trap.status, trap.output) == (native.status, native.output), \
            f"{policy}: status {trap.status} (failing case number), {trap.vmm.diagnostic}"


@pytest.mark.parametrize("name", diff_program_names())
def test_diff_program_same_output(programs_dir, name):  # noqa: F811
    elf = programs_dir / "diff" / f"{name}.elf"
    native = run(elf, "native", max_insns=50_000_000)
    for policy in POLICIES:
        trap = run(elf, "trap", policy=policy, max_insns=50_000_000)
        assert (trap.status, trap.output) == (native.status, native.output), policy


@pytest.mark.parametrize("name", SBI_PROGRAMS)
def test_sbi_program_on_the_vmm_sbi(built, name):  # noqa: F811
    expected = (SBI_SRC / f"{name}.expected").read_text()
    native = run(built / f"{name}.elf", "native", bios="builtin")
    assert native.output == expected
    for policy in POLICIES:
        trap = run(built / f"{name}.elf", "trap", bios="builtin", policy=policy)
        assert trap.output == expected, policy
        assert trap.status == native.status == 0
        assert trap.stats["exit"]["power"] == "shutdown"
        assert trap.stats["firmware"]["sbi_calls"] == native.stats["firmware"]["sbi_calls"]
