"""Which guest pages changed since they were last sent: the machine's dirty log (machine/dirty.pxd).
The hart marks a page at its first store after each take (write-protection logging: the fast
path's store grant is taken back at every take, mmu.pxd DIRECT_WRITE), so do its A/D updates,
AMOs and slow paths, the VMMs' writes to guest memory and device DMA (Bus.write_bytes). A page
rewritten with the same contents is dirty, as in Xen's and KVM's logs. Logging is host-side:
it changes no simulated cycle or counter."""
from pyvirt.migration.stream import PAGE


class DirtyPages:
    """The pages of the VM's RAM that changed since they were last sent (logging from the first take)."""

    def __init__(self, vmm):
        self.hart = vmm.hart
        self.bus = vmm.board.bus
        self.pages = self.bus.ram_size // PAGE
        self.logging = False

    def take(self):
        """(RAM now, the page numbers written since the last take: all of them the first time);
        they count as sent."""
        if self.logging:
            frames = self.hart.take_dirty()
        else:
            self.hart.log_dirty(True)
            self.logging = True
            frames = list(range(self.pages))
        return self.bus.ram_bytes(), frames

    def stop(self) -> None:
        """Turn the log off (the migration ended or failed)."""
        if self.logging:
            self.hart.log_dirty(False)
            self.logging = False
