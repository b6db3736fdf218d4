"""Whole programs behave under every VMM as they do natively: the bare-metal guests
(guests/prebuilt, --bios none), the tohost ISA tests and the differential programs
(tests/programs, built by tests/test_isa.py's fixture), the S-mode SBI programs
(tests/programs/sbi, on the VMM's SBI) and the bundled kernel's `run all`. The VMMs: trap mode
with both shadow policies, hvm with nested and with shadow paging (each in-process)."""
import pytest

from tests.test_guest_kernel import KERNEL
from tests.test_isa import diff_program_names, isa_test_names, programs_dir  # noqa: F401 (fixture)
from tests.test_prebuilt import BARE_RESULTS, PREBUILT
from tests.test_sbi import PROGRAMS as SBI_PROGRAMS, SRC as SBI_SRC, built  # noqa: F401 (fixture)
from tests.trap.harness import run, same_functional_output, same_program

VARIANTS = {"trap-trace": {"mode": "trap", "policy": "trace"}, "trap-resync": {"mode": "trap", "policy": "resync"},
            "hvm-nested": {"mode": "hvm", "mmu": "nested"}, "hvm-shadow": {"mode": "hvm", "mmu": "shadow"}}
ISA_MAX_INSNS = 5_000_000


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("prog", sorted(BARE_RESULTS))
def test_bare_program_same_output_and_instructions(prog, variant):
    native, (got,) = same_program(PREBUILT / f"{prog}.elf", [VARIANTS[variant]], 100_000_000)
    assert BARE_RESULTS[prog] in native.output.splitlines()
    # no interrupts, no timer: the guest retires exactly the same instructions
    assert got.stats["instructions"] == native.stats["instructions"]


@pytest.mark.parametrize("name", isa_test_names())
def test_isa_program_passes(programs_dir, name):  # noqa: F811
    same_program(programs_dir / "isa" / f"{name}.elf", VARIANTS.values(), ISA_MAX_INSNS)


@pytest.mark.parametrize("name", diff_program_names())
def test_diff_program_same_output(programs_dir, name):  # noqa: F811
    same_program(programs_dir / "diff" / f"{name}.elf", VARIANTS.values(), 50_000_000, native_ok=False)


@pytest.mark.parametrize("name", SBI_PROGRAMS)
def test_sbi_program_on_the_vmm_sbi(built, name):  # noqa: F811
    expected = (SBI_SRC / f"{name}.expected").read_text()
    native, runs = same_program(built / f"{name}.elf", VARIANTS.values(), 20_000_000, bios="builtin")
    assert native.output == expected
    for got in runs:
        assert got.stats["exit"]["power"] == "shutdown"
        assert got.stats["firmware"]["sbi_calls"] == native.stats["firmware"]["sbi_calls"]


@pytest.mark.parametrize("variant", VARIANTS)
def test_kernel_run_all_same_functional_output(native_all, variant):
    got = run(KERNEL, bios="builtin", append="run all", max_insns=200_000_000, profile="default",
              **VARIANTS[variant])
    same_functional_output(native_all, got)
