"""ELF loader: real toolchain output and hand-made blobs, good and bad."""
import shutil
import struct
import subprocess

import pytest

from pyvirt.errors import PyvirtError
from pyvirt.machine.loader import load_elf
from tests.elfutil import EM_RISCV, EM_X86_64, ET_DYN, ET_EXEC, PT_LOAD, RAM_BASE, make_elf

RAM_SIZE = 128 << 20
GCC = shutil.which("riscv64-unknown-elf-gcc")

ASM = """
.section .text
.globl _start
_start:
    la t0, tohost
    li t1, 1
    sw t1, 0(t0)
1:  j 1b
.section .data
.align 3
.globl tohost
tohost: .dword 0
.globl fromhost
fromhost: .dword 0
.section .bss
.space 4096
"""
LDS = """
ENTRY(_start)
SECTIONS {
  . = 0x80000000;
  .text : { *(.text*) }
  . = ALIGN(0x1000);
  .data : { *(.data*) }
  .bss : { *(.bss*) }
}
"""


class FakeMemory:
    """Records write_bytes calls into a sparse byte map."""

    def __init__(self):
        self.bytes = {}

    def write_bytes(self, pa, data):
        for i, b in enumerate(data):
            self.bytes[pa + i] = b


def write(tmp_path, blob, name="kernel.elf"):
    path = tmp_path / name
    path.write_bytes(blob)
    return str(path)


def load(path):
    return load_elf(path, RAM_BASE, RAM_SIZE)


def expect_error(path, words):
    with pytest.raises(PyvirtError) as info:
        load(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and words in message and "\n" not in message


# --- good images -------------------------------------------------------------------------

def test_handmade_image_uses_paddr_and_zero_fills(tmp_path):
    payload = b"\x01\x02\x03\x04"
    path = write(tmp_path, make_elf(payload, paddr=RAM_BASE + 0x1000, vaddr=0xFFFF_FFC0_0000_1000,
                                    memsz=16, entry=RAM_BASE + 0x1000))
    image = load(path)
    assert image.entry == RAM_BASE + 0x1000
    assert image.segments == [(RAM_BASE + 0x1000, payload, 16)]
    assert image.symbols == {}
    assert (image.lowest, image.highest) == (RAM_BASE + 0x1000, RAM_BASE + 0x1010)
    mem = FakeMemory()
    image.copy_into(mem)
    assert [mem.bytes[RAM_BASE + 0x1000 + i] for i in range(16)] == [1, 2, 3, 4] + [0] * 12


def test_segment_ending_at_top_of_ram_fits(tmp_path):
    top = RAM_BASE + RAM_SIZE - 4
    load(write(tmp_path, make_elf(paddr=top, entry=top)))


@pytest.fixture
def gcc_elf(tmp_path):
    if not GCC:
        pytest.skip("riscv64-unknown-elf-gcc not on PATH")

    def build(*flags):
        (tmp_path / "k.S").write_text(ASM)
        (tmp_path / "k.ld").write_text(LDS)
        out = tmp_path / "k.elf"
        subprocess.run([GCC, "-nostdlib", "-static", "-T", str(tmp_path / "k.ld"), *flags,
                        "-o", str(out), str(tmp_path / "k.S")], check=True, capture_output=True)
        return str(out)
    return build


def test_gcc_image_segments_and_host_symbols(gcc_elf):
    image = load(gcc_elf())
    assert image.entry == RAM_BASE
    assert image.lowest == RAM_BASE
    assert image.symbols == {"tohost": RAM_BASE + 0x1000, "fromhost": RAM_BASE + 0x1008}
    paddrs = [p for p, _, _ in image.segments]
    assert paddrs == sorted(paddrs)
    data_seg = [s for s in image.segments if s[0] == RAM_BASE + 0x1000][0]
    assert len(data_seg[1]) == 16 and data_seg[2] == 16 + 4096      # .data + zero-filled .bss
    assert image.highest == RAM_BASE + 0x1000 + 16 + 4096


def test_gcc_image_copies_code(gcc_elf):
    image = load(gcc_elf())
    mem = FakeMemory()
    image.copy_into(mem)
    text = image.segments[0][1]
    assert bytes(mem.bytes[RAM_BASE + i] for i in range(len(text))) == text
    assert all(mem.bytes[image.highest - 1 - i] == 0 for i in range(4096))


def test_gcc_rv32_image_is_rejected(gcc_elf):
    expect_error(gcc_elf("-march=rv32i", "-mabi=ilp32"), "not a 64-bit ELF file")


def test_gcc_image_truncated_at_every_tenth_byte(gcc_elf, tmp_path):
    blob = open(gcc_elf(), "rb").read()
    for n in range(0, len(blob), 10):
        path = write(tmp_path, blob[:n], "cut.elf")
        with pytest.raises(PyvirtError):
            load(path)


# --- bad images --------------------------------------------------------------------------

def test_missing_file(tmp_path):
    expect_error(str(tmp_path / "absent.elf"), "cannot read: No such file or directory")


def test_directory_is_unreadable(tmp_path):
    expect_error(str(tmp_path), "cannot read")


def test_not_an_elf(tmp_path):
    expect_error(write(tmp_path, b"#!/bin/sh\necho hello\n"), "not an ELF file")


def test_empty_file(tmp_path):
    expect_error(write(tmp_path, b""), "not an ELF file")


def test_host_binary_is_wrong_machine(tmp_path):
    if not shutil.which("true"):
        pytest.skip("no /bin/true")
    blob = open(shutil.which("true"), "rb").read()
    if blob[18] != EM_X86_64:
        pytest.skip("host is not x86-64")
    expect_error(write(tmp_path, blob), "not a RISC-V ELF file (machine EM_X86_64)")


def test_wrong_machine(tmp_path):
    expect_error(write(tmp_path, make_elf(machine=EM_X86_64)), "not a RISC-V ELF file")


def test_32_bit(tmp_path):
    expect_error(write(tmp_path, make_elf(elfclass=1)), "not a 64-bit ELF file")


def test_big_endian(tmp_path):
    expect_error(write(tmp_path, make_elf(data=2)), "not a little-endian ELF file")


def test_shared_object_is_not_an_executable(tmp_path):
    expect_error(write(tmp_path, make_elf(etype=ET_DYN)), "not a statically linked executable")


def test_truncated_header(tmp_path):
    expect_error(write(tmp_path, make_elf()[:40]), "truncated")


def test_truncated_payload(tmp_path):
    expect_error(write(tmp_path, make_elf(b"\x00" * 64)[:-8]), "truncated")


def test_segment_below_ram(tmp_path):
    expect_error(write(tmp_path, make_elf(paddr=RAM_BASE - 0x1000)), "outside RAM 0x80000000-0x88000000")


def test_segment_past_end_of_ram(tmp_path):
    top = RAM_BASE + RAM_SIZE - 4
    expect_error(write(tmp_path, make_elf(paddr=top, memsz=8, entry=top)), "outside RAM")


def test_entry_outside_ram(tmp_path):
    expect_error(write(tmp_path, make_elf(entry=0x1000)), "entry point 0x1000 is outside RAM")


def test_no_loadable_segment(tmp_path):
    expect_error(write(tmp_path, make_elf(b"", memsz=0)), "no loadable segments")
