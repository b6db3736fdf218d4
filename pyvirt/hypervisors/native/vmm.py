"""The native 'hypervisor': the board plus firmware. With --bios none the kernel starts in
M-mode at its ELF entry (QEMU: a0 = hart id, a1 = device tree); with the built-in SBI it
starts in S-mode and its ecalls are served by pyvirt.firmware.sbi."""
from pyvirt.firmware.sbi import FirmwareTrap, Sbi
from pyvirt.hypervisors.base import VMM

PRV_M = 3


class NativeVMM(VMM):
    mode = "native"

    def __init__(self, config, **kwargs):
        super().__init__(config, **kwargs)
        self.sbi = Sbi(self.board) if config.bios == "builtin" else None

    def boot(self):
        image = self.board.load_kernel()
        if self.sbi is not None:
            self.sbi.boot(image.entry)
            return
        self.hart.reset(image.entry, PRV_M)
        self.hart.set_reg(10, 0)
        self.hart.set_reg(11, self.board.dtb_addr)

    def save_state(self):
        """Native mode keeps no state beyond the machine and the firmware."""
        return {}

    def load_state(self, state):
        pass

    def handle_mtrap(self):
        try:
            self.sbi.handle_trap()
        except FirmwareTrap as trap:
            return self._stop(str(trap))
        return None
