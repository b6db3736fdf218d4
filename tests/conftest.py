"""Fixtures shared by the test folders."""
import pytest


@pytest.fixture(scope="session")
def native_all():
    """The bundled kernel's `run all`, natively (the reference of the VMM tests)."""
    from tests.test_guest_kernel import KERNEL
    from tests.trap.harness import run
    return run(KERNEL, "native", bios="builtin", append="run all", max_insns=200_000_000, profile="default")
