"""Hand-made ELF images for tests that must not depend on the cross toolchain."""
import struct

RAM_BASE = 0x8000_0000
EM_RISCV, EM_X86_64 = 243, 62
ET_EXEC, ET_DYN = 2, 3
PT_LOAD = 1


def make_elf(payload=b"\x13\x00\x00\x00", paddr=RAM_BASE, vaddr=None, memsz=None, entry=RAM_BASE,
             machine=EM_RISCV, etype=ET_EXEC, elfclass=2, data=1):
    """A minimal ELF64 image: header, one PT_LOAD program header, payload; no section headers."""
    phoff, offset = 64, 64 + 56
    ident = b"\x7fELF" + bytes([elfclass, data, 1]) + bytes(9)
    header = struct.pack("<16sHHIQQQIHHHHHH", ident, etype, machine, 1, entry, phoff, 0, 0,
                         64, 56, 1, 64, 0, 0)
    phdr = struct.pack("<IIQQQQQQ", PT_LOAD, 7, offset, RAM_BASE if vaddr is None else vaddr, paddr,
                       len(payload), len(payload) if memsz is None else memsz, 0x1000)
    return header + phdr + payload


def words(*insns):
    """Little-endian bytes of 32-bit instruction words."""
    return b"".join(struct.pack("<I", i) for i in insns)
