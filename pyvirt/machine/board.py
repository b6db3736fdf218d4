"""The QEMU-virt-compatible board: RAM, one hart, the devices of the virt memory map, the
device tree, and kernel loading. The hypervisor of the chosen mode owns the run loop."""
from pyvirt.config import parse_drive
from pyvirt.devices.clint import Clint
from pyvirt.devices.piodisk import PioDisk
from pyvirt.devices.plic import Plic
from pyvirt.devices.sifive_test import SifiveTest
from pyvirt.devices.uart16550 import Uart16550
from pyvirt.devices.virtio.blk import VirtioBlk
from pyvirt.devices.virtio.mmio import VirtioMmio
from pyvirt.errors import PyvirtError
from pyvirt.machine.bus import Bus
from pyvirt.machine.fdt import BoardDesc, DeviceEntry, build_device_tree, qemu_virt_devices
from pyvirt.machine.hart import Hart
from pyvirt.machine.loader import load_elf

RAM_BASE = 0x8000_0000
SBI_KERNEL_BASE = 0x8020_0000       # where an S-mode kernel starts under the built-in SBI
ISA_STRING = "rv64imac_zicsr_zifencei_sstc"
VIRTIO_SLOTS = 8
UART_IRQ = 10
PIODISK_BASE, PIODISK_IRQ = 0x1000_9000, 9


class PowerState:
    """Why the machine stopped: kind is 'pass', 'fail', 'reset', 'shutdown' or 'tohost'."""

    def __init__(self):
        self.kind = None
        self.code = 0

    def set(self, kind, code=0):
        if self.kind is None:
            self.kind, self.code = kind, code


class Board:
    """RAM + hart + devices for one MachineConfig, with costs from profile.

    A VMM may ask for `private_bytes` of memory after guest RAM (invisible to the guest: the
    device tree, the loader and DMA see config.mem_bytes only) and give the devices another
    target for their hart pins: `pins(hart)` returns the object whose set_mip_bit / mtime /
    set_mtimecmp / get_mtimecmp the CLINT and PLIC drive (default: the hart itself)."""

    def __init__(self, config, profile, console_out, console_in=None, private_bytes=0, pins=None):
        self.config = config
        self.bus = Bus(RAM_BASE, config.mem_bytes, private_bytes)
        self.hart = Hart(self.bus, config.tlb_entries, config.tlb_ways)
        self.pins = pins(self.hart) if pins is not None else self.hart
        self.hart.set_costs(profile.cpi, profile.events, profile.cycles_per_tick)
        self.hart.console_write = console_out
        self.uart_out = console_out           # the console, for firmware output (SBI putchar)
        self.power = PowerState()
        self.devices = {}
        self._add_devices(console_out, console_in)
        dt_devices = qemu_virt_devices(VIRTIO_SLOTS)
        if self.piodisk is not None:
            dt_devices.append(DeviceEntry("piodisk", ("pyvirt,piodisk",), PIODISK_BASE, PioDisk.size,
                                          irq=PIODISK_IRQ))
        self.dtb = build_device_tree(BoardDesc(RAM_BASE, config.mem_bytes, bootargs=config.append,
                                               isa=ISA_STRING, devices=dt_devices))
        self.dtb_addr = self._dtb_address()
        self.image = None

    def _add_devices(self, console_out, console_in):
        def finisher(kind, code):
            self.power.set(kind, code)
            self.hart.request_stop()
        self.plic = Plic(self.pins)
        self.uart = Uart16550(lambda level: self.plic.set_source(UART_IRQ, level), console_out, console_in)
        self._map(0x0010_0000, SifiveTest(finisher))
        self._map(0x0200_0000, Clint(self.pins))
        self._map(0x0C00_0000, self.plic)
        self._map(0x1000_0000, self.uart)
        drives = [parse_drive(spec) for spec in self.config.drives]
        if self.config.mode != "pv" and any(interface == "pv" for _, interface in drives):
            raise PyvirtError("a drive with if=pv needs --mode pv (the paravirtual block backend)")
        self.disks = [VirtioBlk(path) for path, interface in drives if interface == "virtio"][:VIRTIO_SLOTS]
        for n in range(VIRTIO_SLOTS):
            backend = self.disks[n] if n < len(self.disks) else None
            irq = n + 1
            dev = VirtioMmio(self.bus, lambda level, irq=irq: self.plic.set_source(irq, level), backend,
                             name=f"virtio-blk{n}" if backend else f"virtio{n}")
            self._map(0x1000_1000 + n * 0x1000, dev)
        pio = [path for path, interface in drives if interface == "pio"]
        self.piodisk = None
        if pio:
            self.piodisk = PioDisk(pio[0], lambda level: self.plic.set_source(PIODISK_IRQ, level))
            self.disks.append(self.piodisk)
            self._map(PIODISK_BASE, self.piodisk)

    def _map(self, base, device):
        self.bus.add_device(base, device)
        self.devices[device.name] = device

    def _dtb_address(self):
        """QEMU's placement: the top of RAM, aligned down to 2 MiB (4 KiB for tiny RAM)."""
        end = RAM_BASE + self.config.mem_bytes
        align = 0x20_0000 if self.config.mem_bytes >= 0x80_0000 else 0x1000
        return (end - len(self.dtb)) & ~(align - 1)

    def load_kernel(self):
        """Load the kernel ELF and the device tree into RAM; arm HTIF if the ELF has tohost."""
        self.image = load_elf(self.config.kernel, RAM_BASE, self.config.mem_bytes)
        self.image.copy_into(self.bus)
        self.bus.write_bytes(self.dtb_addr, self.dtb)
        if "tohost" in self.image.symbols:
            self.hart.set_tohost(self.image.symbols["tohost"])
        return self.image

    def close(self):
        for disk in self.disks:
            disk.close()
