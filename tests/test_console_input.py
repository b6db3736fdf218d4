"""Console input reaches a guest program in every mode: through the UART's interrupt (native,
trap) or the pv console's event channel and console_io(read) (pv). The input arrives in
pieces, between run slices, as from a terminal."""
import io
import os

import pytest

from pyvirt.config import MachineConfig
from pyvirt.console import Console
from pyvirt.hypervisors import create
from tests.test_guest_kernel import KERNEL

KERNEL_PV = os.path.join(os.path.dirname(KERNEL), "kernel-pv.elf")


class ScriptedInput:
    """An input source handing out one chunk per poll, then end of file."""

    def __init__(self, chunks):
        self.chunks = list(chunks)
        self.eof = False

    def poll(self, block=False):
        if not self.chunks:
            self.eof = True
            return b""
        return self.chunks.pop(0)


@pytest.mark.parametrize("mode", ["native", "trap", "pv"])
def test_cat_echoes_input(mode):
    out = io.BytesIO()
    config = MachineConfig(kernel=KERNEL_PV if mode == "pv" else KERNEL, mode=mode, append="run cat 18",
                           max_insns=50_000_000)
    vmm = create(config, console=Console(out), input_source=ScriptedInput([b"hel", b"", b"lo there\n", b"again\n"]))
    assert vmm.run() == 0, vmm.diagnostic
    text = out.getvalue().decode()
    assert "hello there\nagain\n" in text and "DONE name=cat status=0" in text
    if mode == "pv":
        console = vmm.stats()["pv"]["console"]
        assert console["virq_bound"] and console["bytes_in"] == 18
