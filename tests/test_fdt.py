"""Device tree: parse the blob back, decompile it with dtc, and compare it with QEMU virt's."""
import shutil
import subprocess

import libfdt
import pytest

from pyvirt.machine.fdt import BoardDesc, DeviceEntry, build_device_tree, qemu_virt_devices

RAM_BASE, RAM_SIZE = 0x8000_0000, 128 << 20


def board(**kw):
    kw.setdefault("devices", qemu_virt_devices())
    return BoardDesc(RAM_BASE, kw.pop("ram_size", RAM_SIZE), **kw)


def tree(desc):
    return libfdt.Fdt(build_device_tree(desc))


def prop(fdt, path, name):
    return fdt.getprop(fdt.path_offset(path), name)


def phandle_path(fdt, phandle):
    return fdt.get_path(fdt.node_offset_by_phandle(phandle))


def test_root_and_chosen():
    fdt = tree(board(bootargs="console=ttyS0 quiet"))
    assert prop(fdt, "/", "#address-cells").as_uint32() == 2
    assert prop(fdt, "/", "#size-cells").as_uint32() == 2
    assert prop(fdt, "/", "compatible").as_str() == "riscv-virtio"
    assert prop(fdt, "/", "model").as_str() == "riscv-virtio,qemu"
    assert prop(fdt, "/chosen", "bootargs").as_str() == "console=ttyS0 quiet"
    assert prop(fdt, "/chosen", "stdout-path").as_str() == "/soc/serial@10000000"


def test_no_bootargs_without_append():
    fdt = tree(board())
    assert not fdt.hasprop(fdt.path_offset("/chosen"), "bootargs")


def test_memory_node_including_above_4g():
    fdt = tree(board(ram_size=16 << 30))
    assert prop(fdt, "/memory@80000000", "device_type").as_str() == "memory"
    assert prop(fdt, "/memory@80000000", "reg").as_uint64_list() == [RAM_BASE, 16 << 30]


def test_cpu_node():
    fdt = tree(board(isa="rv64imac_zicsr_zifencei_sstc"))
    assert prop(fdt, "/cpus", "timebase-frequency").as_uint32() == 10_000_000
    cpu = "/cpus/cpu@0"
    assert prop(fdt, cpu, "device_type").as_str() == "cpu"
    assert prop(fdt, cpu, "reg").as_uint32() == 0
    assert prop(fdt, cpu, "status").as_str() == "okay"
    assert prop(fdt, cpu, "compatible").as_str() == "riscv"
    assert prop(fdt, cpu, "riscv,isa").as_str() == "rv64imac_zicsr_zifencei_sstc"
    assert prop(fdt, cpu, "mmu-type").as_str() == "riscv,sv39"
    intc = cpu + "/interrupt-controller"
    assert prop(fdt, intc, "compatible").as_str() == "riscv,cpu-intc"
    assert prop(fdt, intc, "#interrupt-cells").as_uint32() == 1
    assert fdt.hasprop(fdt.path_offset(intc), "interrupt-controller")
    assert phandle_path(fdt, prop(fdt, intc, "phandle").as_uint32()) == intc


def test_soc_bus():
    fdt = tree(board())
    assert prop(fdt, "/soc", "compatible").as_str() == "simple-bus"
    assert fdt.hasprop(fdt.path_offset("/soc"), "ranges")


def interrupts_extended(fdt, path):
    cells = prop(fdt, path, "interrupts-extended").as_uint32_list()
    return [(phandle_path(fdt, cells[i]), cells[i + 1]) for i in range(0, len(cells), 2)]


def test_clint_and_plic_wiring():
    fdt = tree(board())
    intc = "/cpus/cpu@0/interrupt-controller"
    assert prop(fdt, "/soc/clint@2000000", "compatible").as_stringlist() == ["sifive,clint0", "riscv,clint0"]
    assert interrupts_extended(fdt, "/soc/clint@2000000") == [(intc, 3), (intc, 7)]
    plic = "/soc/plic@c000000"
    assert prop(fdt, plic, "compatible").as_stringlist() == ["sifive,plic-1.0.0", "riscv,plic0"]
    assert prop(fdt, plic, "reg").as_uint64_list() == [0x0C00_0000, 0x60_0000]
    assert prop(fdt, plic, "riscv,ndev").as_uint32() == 53
    assert prop(fdt, plic, "#interrupt-cells").as_uint32() == 1
    assert fdt.hasprop(fdt.path_offset(plic), "interrupt-controller")
    assert interrupts_extended(fdt, plic) == [(intc, 11), (intc, 9)]


def test_serial_test_and_virtio_nodes():
    fdt = tree(board())
    plic_phandle = prop(fdt, "/soc/plic@c000000", "phandle").as_uint32()
    serial = "/soc/serial@10000000"
    assert prop(fdt, serial, "compatible").as_str() == "ns16550a"
    assert prop(fdt, serial, "reg").as_uint64_list() == [0x1000_0000, 0x100]
    assert prop(fdt, serial, "clock-frequency").as_uint32() == 3_686_400
    assert prop(fdt, serial, "interrupts").as_uint32() == 10
    assert prop(fdt, serial, "interrupt-parent").as_uint32() == plic_phandle
    test = "/soc/test@100000"
    assert prop(fdt, test, "compatible").as_stringlist() == ["sifive,test1", "sifive,test0", "syscon"]
    assert prop(fdt, test, "reg").as_uint64_list() == [0x10_0000, 0x1000]
    for n in range(8):
        node = f"/soc/virtio_mmio@{0x1000_1000 + n * 0x1000:x}"
        assert prop(fdt, node, "compatible").as_str() == "virtio,mmio"
        assert prop(fdt, node, "reg").as_uint64_list() == [0x1000_1000 + n * 0x1000, 0x1000]
        assert prop(fdt, node, "interrupts").as_uint32() == 1 + n
        assert prop(fdt, node, "interrupt-parent").as_uint32() == plic_phandle


def test_poweroff_and_reboot_point_at_test_device():
    fdt = tree(board())
    for node, value in (("/poweroff", 0x5555), ("/reboot", 0x7777)):
        assert phandle_path(fdt, prop(fdt, node, "regmap").as_uint32()) == "/soc/test@100000"
        assert prop(fdt, node, "value").as_uint32() == value


def test_virtio_slot_count_follows_the_board():
    fdt = tree(board(devices=qemu_virt_devices(virtio_slots=2)))
    fdt.path_offset("/soc/virtio_mmio@10002000")
    with pytest.raises(libfdt.FdtException):
        fdt.path_offset("/soc/virtio_mmio@10003000")


def test_generic_device_with_extra_properties():
    disk = DeviceEntry("disk", ("pyvirt,pio-disk",), 0x1010_0000, 0x100, irq=12,
                       props={"block-size": 512, "label": "boot", "modes": ["a", "b"],
                              "ranges2": [1, 2], "blob": b"\x01\x02"})
    fdt = tree(board(devices=qemu_virt_devices() + [disk]))
    node = "/soc/disk@10100000"
    assert prop(fdt, node, "compatible").as_str() == "pyvirt,pio-disk"
    assert prop(fdt, node, "reg").as_uint64_list() == [0x1010_0000, 0x100]
    assert prop(fdt, node, "interrupts").as_uint32() == 12
    assert prop(fdt, node, "block-size").as_uint32() == 512
    assert prop(fdt, node, "label").as_str() == "boot"
    assert prop(fdt, node, "modes").as_stringlist() == ["a", "b"]
    assert prop(fdt, node, "ranges2").as_uint32_list() == [1, 2]
    assert bytes(prop(fdt, node, "blob")) == b"\x01\x02"


def test_dtc_decompiles_without_warnings(tmp_path):
    if not shutil.which("dtc"):
        pytest.skip("dtc not on PATH")
    blob = tmp_path / "board.dtb"
    blob.write_bytes(build_device_tree(board(bootargs="console=ttyS0")))
    result = subprocess.run(["dtc", "-I", "dtb", "-O", "dts", "-o", str(tmp_path / "board.dts"), str(blob)],
                            capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr == ""


# Where pyvirt's tree differs from QEMU 7.2's on purpose.
QEMU_DIFFERENCES = {
    ("/cpus/cpu@0", "riscv,isa"),                              # our ISA string, from the board
    ("/cpus/cpu@0", "mmu-type"),                               # Sv39 only
    ("/cpus/cpu@0/interrupt-controller", "#address-cells"),    # silences dtc's interrupt_provider check
    ("/soc/plic@c000000", "riscv,ndev"),                       # 53 sources on our board
}


def all_properties(fdt, node=0, out=None):
    """{(node path, property name): bytes} for the subtree at `node`."""
    out = {} if out is None else out
    off = fdt.first_property_offset(node, (libfdt.NOTFOUND,))
    while off >= 0:
        p = fdt.get_property_by_offset(off)
        out[(fdt.get_path(node), p.name)] = bytes(p)
        off = fdt.next_property_offset(off, (libfdt.NOTFOUND,))
    child = fdt.first_subnode(node, (libfdt.NOTFOUND,))
    while child >= 0:
        all_properties(fdt, child, out)
        child = fdt.next_subnode(child, (libfdt.NOTFOUND,))
    return out


def test_matches_qemu_virt_dtb(tmp_path):
    qemu = shutil.which("qemu-system-riscv64")
    if not qemu:
        pytest.skip("qemu-system-riscv64 not on PATH")
    dump = tmp_path / "qemu.dtb"
    subprocess.run([qemu, "-M", f"virt,dumpdtb={dump}", "-smp", "1", "-m", "128M", "-nographic"],
                   check=True, capture_output=True, timeout=60)
    theirs = all_properties(libfdt.Fdt(dump.read_bytes()))
    ours = all_properties(tree(board()))
    for key, value in ours.items():
        if key not in QEMU_DIFFERENCES:
            assert theirs.get(key) == value, key
