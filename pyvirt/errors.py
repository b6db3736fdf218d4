"""Exceptions that cross pyvirt's module boundaries."""


class PyvirtError(Exception):
    """A host-side error the user can fix (bad file, bad option): the CLI prints one line, exit 2."""


class GuestMemoryError(Exception):
    """A guest-controlled physical address range is not inside guest RAM."""

    def __init__(self, addr, length):
        super().__init__(f"guest physical range 0x{addr:x}+{length} is outside RAM")
        self.addr = addr
        self.length = length
