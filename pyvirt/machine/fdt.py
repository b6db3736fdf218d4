"""Flattened device tree for the board, laid out as QEMU's `virt` machine lays it out for one hart.

The board describes itself with a BoardDesc; every device is a DeviceEntry rendered as
/soc/NAME@BASE. Four names get the extra properties QEMU gives them: "clint" and "plic"
(wired to the hart's interrupt controller), "test" (the syscon behind /poweroff and
/reboot) and "serial" (the /chosen stdout-path). Any other entry is generic: compatible,
reg, PLIC interrupt if `irq` is set, and its `props`.
"""
import struct
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple, Union

import libfdt

PropValue = Union[int, str, List[str], List[int], bytes]

# Phandles, as QEMU numbers them.
PH_CPU, PH_CPU_INTC, PH_PLIC, PH_TEST = 1, 2, 3, 4
# Hart local interrupt numbers (mip bits) the CLINT and PLIC drive.
IRQ_M_SOFT, IRQ_M_TIMER, IRQ_M_EXT, IRQ_S_EXT = 3, 7, 11, 9
TEST_POWEROFF, TEST_RESET = 0x5555, 0x7777     # sifive_test "finisher" codes


@dataclass
class DeviceEntry:
    name: str                        # node name without unit address: "serial", "virtio_mmio", ...
    compatible: Tuple[str, ...]
    base: int
    size: int
    irq: Optional[int] = None        # PLIC source number
    props: Dict[str, PropValue] = field(default_factory=dict)   # extra properties, in order


@dataclass
class BoardDesc:
    ram_base: int
    ram_size: int
    bootargs: str = ""
    isa: str = "rv64imac_zicsr_zifencei_sstc"
    devices: List[DeviceEntry] = field(default_factory=list)
    timebase_hz: int = 10_000_000
    mmu_type: str = "riscv,sv39"
    model: str = "riscv-virtio,qemu"


def qemu_virt_devices(virtio_slots: int = 8, plic_ndev: int = 53) -> List[DeviceEntry]:
    """The fixed QEMU virt devices plus `virtio_slots` virtio-mmio transports (IRQ 1 + n)."""
    devices = [
        DeviceEntry("test", ("sifive,test1", "sifive,test0", "syscon"), 0x0010_0000, 0x1000),
        DeviceEntry("clint", ("sifive,clint0", "riscv,clint0"), 0x0200_0000, 0x1_0000),
        DeviceEntry("plic", ("sifive,plic-1.0.0", "riscv,plic0"), 0x0C00_0000, 0x60_0000,
                    props={"riscv,ndev": plic_ndev}),
        DeviceEntry("serial", ("ns16550a",), 0x1000_0000, 0x100, irq=10,
                    props={"clock-frequency": 3_686_400}),
    ]
    devices += [DeviceEntry("virtio_mmio", ("virtio,mmio",), 0x1000_1000 + n * 0x1000, 0x1000, irq=1 + n)
                for n in range(virtio_slots)]
    return devices


def build_device_tree(desc: BoardDesc) -> bytes:
    """Return the DTB blob (version 17) describing `desc`."""
    sw = libfdt.FdtSw()
    sw.finish_reservemap()
    with sw.add_node(""):
        sw.property_u32("#address-cells", 2)
        sw.property_u32("#size-cells", 2)
        sw.property_string("compatible", "riscv-virtio")
        sw.property_string("model", desc.model)
        _chosen(sw, desc)
        _memory(sw, desc)
        _cpus(sw, desc)
        _soc(sw, desc)
        if _find(desc, "test"):
            _syscon_action(sw, "poweroff", "syscon-poweroff", TEST_POWEROFF)
            _syscon_action(sw, "reboot", "syscon-reboot", TEST_RESET)
    return bytes(sw.as_fdt().as_bytearray())


def _chosen(sw, desc: BoardDesc) -> None:
    serial = _find(desc, "serial")
    with sw.add_node("chosen"):
        if desc.bootargs:
            sw.property_string("bootargs", desc.bootargs)
        if serial:
            sw.property_string("stdout-path", f"/soc/{_unit_name(serial)}")


def _memory(sw, desc: BoardDesc) -> None:
    with sw.add_node(f"memory@{desc.ram_base:x}"):
        sw.property_string("device_type", "memory")
        sw.property("reg", _reg(desc.ram_base, desc.ram_size))


def _cpus(sw, desc: BoardDesc) -> None:
    with sw.add_node("cpus"):
        sw.property_u32("#address-cells", 1)
        sw.property_u32("#size-cells", 0)
        sw.property_u32("timebase-frequency", desc.timebase_hz)
        with sw.add_node("cpu@0"):
            sw.property_u32("phandle", PH_CPU)
            sw.property_string("device_type", "cpu")
            sw.property_u32("reg", 0)
            sw.property_string("status", "okay")
            sw.property_string("compatible", "riscv")
            sw.property_string("riscv,isa", desc.isa)
            sw.property_string("mmu-type", desc.mmu_type)
            with sw.add_node("interrupt-controller"):
                sw.property_u32("#address-cells", 0)
                sw.property_u32("#interrupt-cells", 1)
                sw.property("interrupt-controller", b"")
                sw.property_string("compatible", "riscv,cpu-intc")
                sw.property_u32("phandle", PH_CPU_INTC)


def _soc(sw, desc: BoardDesc) -> None:
    with sw.add_node("soc"):
        sw.property_u32("#address-cells", 2)
        sw.property_u32("#size-cells", 2)
        sw.property_string("compatible", "simple-bus")
        sw.property("ranges", b"")
        for dev in desc.devices:
            _device(sw, dev)


def _device(sw, dev: DeviceEntry) -> None:
    with sw.add_node(_unit_name(dev)):
        sw.property("compatible", _strings(dev.compatible))
        sw.property("reg", _reg(dev.base, dev.size))
        if dev.name == "clint":
            sw.property("interrupts-extended", _cells(PH_CPU_INTC, IRQ_M_SOFT, PH_CPU_INTC, IRQ_M_TIMER))
        elif dev.name == "plic":
            _plic_props(sw)
        elif dev.name == "test":
            sw.property_u32("phandle", PH_TEST)
        if dev.irq is not None:
            sw.property_u32("interrupts", dev.irq)
            sw.property_u32("interrupt-parent", PH_PLIC)
        for key, value in dev.props.items():
            sw.property(key, _encode(value))


def _plic_props(sw) -> None:
    sw.property_u32("phandle", PH_PLIC)
    sw.property_u32("#address-cells", 0)
    sw.property_u32("#interrupt-cells", 1)
    sw.property("interrupt-controller", b"")
    sw.property("interrupts-extended", _cells(PH_CPU_INTC, IRQ_M_EXT, PH_CPU_INTC, IRQ_S_EXT))


def _syscon_action(sw, name: str, compatible: str, value: int) -> None:
    """/poweroff and /reboot: Linux writes `value` to the sifive_test register through the syscon."""
    with sw.add_node(name):
        sw.property_u32("value", value)
        sw.property_u32("offset", 0)
        sw.property_u32("regmap", PH_TEST)
        sw.property_string("compatible", compatible)


def _find(desc: BoardDesc, name: str) -> Optional[DeviceEntry]:
    return next((d for d in desc.devices if d.name == name), None)


def _unit_name(dev: DeviceEntry) -> str:
    return f"{dev.name}@{dev.base:x}"


def _reg(base: int, size: int) -> bytes:
    """A reg entry with #address-cells = #size-cells = 2."""
    return struct.pack(">QQ", base, size)


def _cells(*values: int) -> bytes:
    return struct.pack(f">{len(values)}I", *values)


def _strings(values) -> bytes:
    """A stringlist: each string NUL-terminated, concatenated."""
    return b"".join(s.encode() + b"\0" for s in values)


def _encode(value: PropValue) -> bytes:
    """int -> one cell, str -> string, list of str -> stringlist, list of int -> cells, bytes as is."""
    if isinstance(value, bytes):
        return value
    if isinstance(value, int):
        return _cells(value)
    if isinstance(value, str):
        return _strings([value])
    if all(isinstance(v, str) for v in value):
        return _strings(value)
    return _cells(*value)
