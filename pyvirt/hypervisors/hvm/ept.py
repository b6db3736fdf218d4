"""The second-stage (EPT-style, Sv39x4) tables of nested paging, built by the VMM in its private
pool after guest RAM: guest RAM is mapped at its own address (guest physical = host physical),
read/write/execute, with the largest leaves `ept_page` allows where the RAM covers them;
devices and everything else stay unmapped (an access there ends the walk at an invalid entry)."""
from array import array

PAGE = 4096
ROOT_BYTES = 4 * PAGE                     # Sv39x4 root: 2048 entries, 16 KiB aligned
LEAF = 0x1 | 0x2 | 0x4 | 0x8 | 0x10 | 0x40 | 0x80     # V R W X U A D (second-stage leaves have U)
POINTER = 0x1


def pool_bytes(ram_bytes):
    """Pool size for the tables of ram_bytes of RAM at any page size (4 KiB leaves need the most)."""
    l1_tables = ram_bytes // (1 << 30) + 2
    l0_tables = ram_bytes // (1 << 21) + 2
    return 2 * ROOT_BYTES + (l1_tables + l0_tables) * PAGE


class SecondStage:
    """Builds the tables in [pool_base, pool_base + pool_size); write(vmx) stores them."""

    def __init__(self, pool_base, pool_size):
        self.next = (pool_base + ROOT_BYTES - 1) // ROOT_BYTES * ROOT_BYTES
        self.end = pool_base + pool_size
        self.root = self._alloc(ROOT_BYTES)
        self.tables = {}                  # (level, region base) -> table address
        self.entries = {self.root: array("Q", bytes(ROOT_BYTES))}   # table address -> its PTEs

    def _alloc(self, size):
        addr = self.next
        self.next += size
        if self.next > self.end:
            raise AssertionError("second-stage pool exhausted")
        return addr

    def _table(self, level, gpa):
        """The level-`level` table covering gpa (level 2 = the root), created on demand."""
        if level == 2:
            return self.root
        base = gpa >> (12 + 9 * (level + 1)) << (12 + 9 * (level + 1))
        if (level, base) not in self.tables:
            table = self._alloc(PAGE)
            self.tables[(level, base)] = table
            self.entries[table] = array("Q", bytes(PAGE))
            self._set(level + 1, gpa, (table >> 12) << 10 | POINTER)
        return self.tables[(level, base)]

    def _set(self, level, gpa, pte):
        index = (gpa >> (12 + 9 * level)) & (0x7FF if level == 2 else 0x1FF)
        self.entries[self._table(level, gpa)][index] = pte

    def map_identity(self, base, size, max_level):
        """Map [base, base + size) to itself with leaves up to max_level (0 4K, 1 2M, 2 1G)."""
        gpa, end = base, base + size
        while gpa < end:
            level = max_level
            while level and (gpa % (PAGE << 9 * level) or gpa + (PAGE << 9 * level) > end):
                level -= 1
            self._set(level, gpa, (gpa >> 12) << 10 | LEAF)
            gpa += PAGE << 9 * level
        return self.root

    def write(self, vmx):
        """Store every table into host memory (vmx.write_host: the pool is not guest RAM)."""
        for table, entries in sorted(self.entries.items()):
            vmx.write_host(table, entries.tobytes())
