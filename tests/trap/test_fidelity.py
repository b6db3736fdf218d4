"""Fidelity: a guest probing its privileged state (tests/programs/diff/privstate.c: misa, the
identification CSRs, the WARL masks of mstatus/sstatus/delegation/enables, satp's legal modes,
counter enables from S and U, time/cycle/instret relations) prints the same under trap mode
as natively (and, through tests/test_qemu_diff.py, as on QEMU)."""
import pytest

from tests.test_isa import programs_dir  # noqa: F401 (fixture)

from .harness import POLICIES, run


@pytest.fixture(scope="module")
def privstate(programs_dir):  # noqa: F811
    elf = programs_dir / "diff" / "privstate.elf"
    return elf, run(elf, "native")


@pytest.mark.parametrize("profile", ["unit", "default"])
@pytest.mark.parametrize("policy", POLICIES)
def test_privileged_state_reads_the_same(privstate, policy, profile):
    elf, native = privstate
    assert native.status == 0
    trap = run(elf, "trap", policy=policy, profile=profile)
    assert trap.status == 0
    assert trap.output == native.output


def test_probe_output_says_what_it_should(privstate):
    _, native = privstate
    lines = native.output.splitlines()
    assert "misa=0x8000000000141105" in lines                     # RV64 ACIMSU
    assert "mstatus ones=0x00000000007e19aa" in lines
    assert lines.count("S: counters trap") == 1 and lines.count("S: counters readable") == 1
    assert lines.count("U: counters trap") == 3 and lines.count("U: counters readable") == 1
    assert "satp after writing a reserved mode (ignored)=0x0000000000000008" in lines
