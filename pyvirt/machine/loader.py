"""ELF loading: check that a file is a RISC-V RV64 executable that fits in RAM; list what to copy."""
import io
from dataclasses import dataclass, field
from typing import Dict, List, Tuple

from elftools.common.exceptions import ELFError
from elftools.elf.elffile import ELFFile
from elftools.elf.sections import SymbolTableSection

from pyvirt.errors import PyvirtError

HOST_SYMBOLS = ("tohost", "fromhost")      # riscv-tests HTIF mailbox symbols
_ELFCLASS64 = 2
_ELFDATA2LSB = 1


@dataclass
class LoadedImage:
    entry: int
    segments: List[Tuple[int, bytes, int]]   # (paddr, file bytes, memsz); memsz >= len(bytes)
    symbols: Dict[str, int] = field(default_factory=dict)   # only HOST_SYMBOLS that exist
    lowest: int = 0                          # first byte of the lowest segment
    highest: int = 0                         # one past the last byte of the highest segment

    def copy_into(self, memory) -> None:
        """Write every segment, zero-filling memsz beyond the file bytes (memory.write_bytes(pa, data))."""
        for paddr, data, memsz in self.segments:
            memory.write_bytes(paddr, data + bytes(memsz - len(data)))


def load_elf(path: str, ram_base: int, ram_size: int) -> LoadedImage:
    """Parse the ELF at `path`; raise PyvirtError naming the file unless it fits [ram_base, +ram_size)."""
    data = _read(path)
    _check_ident(path, data)
    try:
        elf = ELFFile(io.BytesIO(data))
        _check_header(path, elf)
        segments = _segments(path, elf, len(data), ram_base, ram_base + ram_size)
        symbols = _host_symbols(elf)
    except (ELFError, ValueError, EOFError) as e:
        raise PyvirtError(f"{path}: truncated or malformed ELF file ({e})") from None
    entry = elf.header["e_entry"]
    if not ram_base <= entry < ram_base + ram_size:
        raise PyvirtError(f"{path}: entry point 0x{entry:x} is outside RAM {_range(ram_base, ram_size)}")
    return LoadedImage(entry=entry, segments=segments, symbols=symbols,
                       lowest=segments[0][0], highest=max(p + m for p, _, m in segments))


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise PyvirtError(f"{path}: cannot read: {e.strerror}") from None


def _check_ident(path: str, data: bytes) -> None:
    """The e_ident bytes: magic, class, byte order (checked before pyelftools parses anything)."""
    if data[:4] != b"\x7fELF":
        raise PyvirtError(f"{path}: not an ELF file")
    if len(data) < 64:
        raise PyvirtError(f"{path}: truncated ELF file (header incomplete)")
    if data[4] != _ELFCLASS64:
        raise PyvirtError(f"{path}: not a 64-bit ELF file (RV64 needs ELFCLASS64)")
    if data[5] != _ELFDATA2LSB:
        raise PyvirtError(f"{path}: not a little-endian ELF file")


def _check_header(path: str, elf: ELFFile) -> None:
    machine = elf.header["e_machine"]
    if machine != "EM_RISCV":
        raise PyvirtError(f"{path}: not a RISC-V ELF file (machine {machine})")
    etype = elf.header["e_type"]
    if etype != "ET_EXEC":
        raise PyvirtError(f"{path}: not a statically linked executable (type {etype}, need ET_EXEC)")


def _segments(path: str, elf: ELFFile, file_size: int, ram_lo: int, ram_hi: int) -> list:
    """PT_LOAD segments with memsz > 0, sorted by physical address, each checked against RAM."""
    out = []
    for seg in elf.iter_segments("PT_LOAD"):
        paddr, filesz, memsz, offset = (seg[k] for k in ("p_paddr", "p_filesz", "p_memsz", "p_offset"))
        if memsz == 0:
            continue
        if filesz > memsz:
            raise PyvirtError(f"{path}: malformed segment at 0x{paddr:x} (filesz > memsz)")
        if offset + filesz > file_size:
            raise PyvirtError(f"{path}: truncated ELF file (segment at 0x{paddr:x} extends past the end)")
        if paddr < ram_lo or paddr + memsz > ram_hi:
            raise PyvirtError(f"{path}: segment 0x{paddr:x}-0x{paddr + memsz:x} is outside RAM "
                              f"{_range(ram_lo, ram_hi - ram_lo)}")
        out.append((paddr, seg.data(), memsz))
    if not out:
        raise PyvirtError(f"{path}: no loadable segments")
    return sorted(out, key=lambda s: s[0])


def _host_symbols(elf: ELFFile) -> Dict[str, int]:
    table = elf.get_section_by_name(".symtab")
    if not isinstance(table, SymbolTableSection):
        return {}
    found = {}
    for name in HOST_SYMBOLS:
        syms = table.get_symbol_by_name(name)
        if syms:
            found[name] = syms[0]["st_value"]
    return found


def _range(base: int, size: int) -> str:
    return f"0x{base:x}-0x{base + size:x}"
