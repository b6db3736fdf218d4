"""Physical memory protection (privileged spec 1.12, section 3.7): address matching (TOR, NA4,
NAPOT), priority, locking, M-mode exemption, accesses partly inside an entry, instruction
fetch, page-table walks, and re-checking after a PMP change."""
import pytest

from . import asm as A
from .asm import CODE, DATA, M_HANDLER, PRV_M, PRV_S, PRV_U, Machine

R, W, X, L = 1, 2, 4, 0x80
OFF, TOR, NA4, NAPOT = 0, 1 << 3, 2 << 3, 3 << 3
ALL = (1 << 54) - 1
PMPCFG0, PMPADDR = 0x3A0, 0x3B0


def napot(base, size):
    return (base >> 2) | ((size >> 3) - 1)


def setup(m, entries):
    """entries: [(cfg byte, pmpaddr)] for entries 0.. (at most 8)."""
    cfg = 0
    for i, (c, addr) in enumerate(entries):
        m.set_csr(PMPADDR + i, addr)
        cfg |= c << (8 * i)
    m.set_csr(PMPCFG0, cfg)


@pytest.fixture
def m():
    mach = Machine().park_handlers()
    mach.set_csr(PMPCFG0, 0)
    return mach


def access(m, insn, priv=PRV_S, **regs):
    m.set_csr("mcause", 0)
    m.exec(insn, n=1, priv=priv, **regs)
    if m.hart.pc == M_HANDLER:
        return ("fault", m.csr("mcause"), m.csr("mtval"))
    return ("ok",)


def test_no_entry_matches_s_fails_m_succeeds(m):
    setup(m, [(NAPOT | R | W | X, napot(CODE, 0x1000))])     # only the code page
    assert access(m, A.ld("a1", "a0", 0), a0=DATA) == ("fault", 5, DATA)
    assert access(m, A.sd("a1", "a0", 0), a0=DATA) == ("fault", 7, DATA)
    assert access(m, A.ld("a1", "a0", 0), PRV_M, a0=DATA) == ("ok",)


def test_tor_na4_napot_matching(m):
    setup(m, [(NAPOT | R | W | X, napot(CODE, 0x1000)),
              (NA4 | R, (DATA + 0x10) >> 2),                 # 4 bytes, read-only
              (OFF, (DATA + 0x100) >> 2),                    # TOR base for entry 3
              (TOR | R | W, (DATA + 0x200) >> 2),            # [DATA+0x100, DATA+0x200) RW
              (NAPOT | R, napot(DATA + 0x1000, 0x1000))])    # a read-only page
    assert access(m, A.lw("a1", "a0", 0x10), a0=DATA) == ("ok",)
    assert access(m, A.sw("a1", "a0", 0x10), a0=DATA) == ("fault", 7, DATA + 0x10)
    assert access(m, A.lw("a1", "a0", 0x14), a0=DATA) == ("fault", 5, DATA + 0x14)
    assert access(m, A.sd("a1", "a0", 0x100), a0=DATA) == ("ok",)
    assert access(m, A.sd("a1", "a0", 0x1F8), a0=DATA) == ("ok",)
    assert access(m, A.sd("a1", "a0", 0x200), a0=DATA) == ("fault", 7, DATA + 0x200)
    assert access(m, A.ld("a1", "a0", 0x0F8), a0=DATA) == ("fault", 5, DATA + 0xF8)
    assert access(m, A.ld("a1", "a0", 0x7F8), a0=DATA + 0x1000) == ("ok",)
    assert access(m, A.sb("a1", "a0", 0), a0=DATA + 0x1000) == ("fault", 7, DATA + 0x1000)


def test_lowest_numbered_entry_wins(m):
    setup(m, [(NAPOT | R | W | X, napot(CODE, 0x1000)),
              (NAPOT | R, napot(DATA, 0x1000)),
              (NAPOT | R | W, ALL)])
    assert access(m, A.sd("a1", "a0", 0), a0=DATA) == ("fault", 7, DATA)
    assert access(m, A.sd("a1", "a0", 0), a0=DATA + 0x1000) == ("ok",)


def test_locked_entries_bind_m_mode(m):
    setup(m, [(NAPOT | R | L, napot(DATA, 0x1000)), (NAPOT | R | W | X, ALL)])
    assert access(m, A.ld("a1", "a0", 0), PRV_M, a0=DATA) == ("ok",)
    assert access(m, A.sd("a1", "a0", 0), PRV_M, a0=DATA) == ("fault", 7, DATA)
    assert access(m, A.sd("a1", "a0", 0), PRV_M, a0=DATA + 0x1000) == ("ok",)
    m.set_csr(PMPCFG0, (NAPOT | R | W | X | L))            # the locked entry ignores the write
    assert m.csr(PMPCFG0) & 0xFF == NAPOT | R | L


@pytest.mark.parametrize("priv", [PRV_S, PRV_U])
def test_access_partly_inside_an_entry_fails(m, priv):
    # "the matching PMP entry must match all bytes of an access, or the access fails"
    setup(m, [(NAPOT | R | W | X, napot(CODE, 0x1000)),
              (OFF, DATA >> 2),
              (TOR | R | W, (DATA + 0x100) >> 2),            # [DATA, DATA+0x100) RW
              (NAPOT | R | W, napot(DATA + 0x1000, 0x1000))])
    assert access(m, A.ld("a1", "a0", 0xF8), priv, a0=DATA) == ("ok",)
    result = access(m, A.ld("a1", "a0", 0xFC), priv, a0=DATA)
    assert result[:2] == ("fault", 5), "an 8-byte load with its upper half outside the entry"
    result = access(m, A.sw("a1", "a0", 0xFE), priv, a0=DATA)
    assert result[:2] == ("fault", 7)


def test_access_partly_inside_an_entry_fails_under_sv39(m):
    from .test_mmu import AF, DF, PageTables, RW, RX
    pt = PageTables(m, pool=A.RAM_BASE + 0x8_0000)
    pt.map(CODE, CODE, RX | AF)
    pt.map(0x1000_0000, DATA, RW | AF | DF)
    setup(m, [(OFF, DATA >> 2),
              (TOR | R | W, (DATA + 0x100) >> 2),            # [DATA, DATA+0x100) RW
              (NAPOT, napot(DATA, 0x1000)),                  # rest of the data page: nothing
              (NAPOT | R | W | X, ALL)])
    m.set_csr("satp", pt.satp())
    assert access(m, A.ld("a1", "a0", 0xF8), a0=0x1000_0000) == ("ok",)
    assert access(m, A.ld("a1", "a0", 0x100), a0=0x1000_0000) == ("fault", 5, 0x1000_0100)
    result = access(m, A.ld("a1", "a0", 0xFC), a0=0x1000_0000)
    assert result[:2] == ("fault", 5), "an 8-byte load with its upper half outside the entry"


def test_fetch_beyond_an_execute_boundary_inside_a_page(m):
    # [CODE, CODE+0x800) executable, [CODE+0x800, CODE+0x1000) not: straight-line code in S
    # must take an instruction access fault at CODE+0x800, although the page began executable.
    setup(m, [(TOR | R | W | X, (CODE + 0x800) >> 2),
              (TOR | R | W, (CODE + 0x1000) >> 2),
              (NAPOT | R | W | X, ALL)])
    m.exec([A.addi("a0", "a0", 1)] * 0x240, n=0x240, priv=PRV_S, a0=0)
    assert m.csr("mcause") == 1 and m.csr("mepc") == CODE + 0x800
    assert m.x("a0") == 0x200


def test_page_table_walk_is_checked(m):
    from .test_mmu import AF, DF, PageTables, RW, RX
    pt = PageTables(m, pool=A.RAM_BASE + 0x8_0000)
    pt.map(CODE, CODE, RX | AF)
    pt.map(0x1000_0000, DATA, RW | AF | DF)
    leaf = pt.pte_addr(0x1000_0000)
    leaf_page = leaf & ~0xFFF
    setup(m, [(NAPOT, napot(leaf_page, 0x1000)),             # the leaf table: no access
              (NAPOT | R | W | X, ALL)])
    m.set_csr("satp", pt.satp())
    assert access(m, A.ld("a1", "a0", 0), a0=0x1000_0000) == ("fault", 5, 0x1000_0000)
    assert access(m, A.sd("a1", "a0", 0), a0=0x1000_0000) == ("fault", 7, 0x1000_0000)


def test_pmp_change_rechecks_cached_translations(m):
    from .test_mmu import AF, DF, PageTables, RW, RX
    pt = PageTables(m, pool=A.RAM_BASE + 0x8_0000)
    pt.map(CODE, CODE, RX | AF)
    pt.map(0x1000_0000, DATA, RW | AF | DF)
    setup(m, [(NAPOT | R | W | X, ALL)])
    m.set_csr("satp", pt.satp())
    assert access(m, A.ld("a1", "a0", 0), a0=0x1000_0000) == ("ok",)    # now in the TLB
    setup(m, [(NAPOT | R, napot(DATA, 0x1000)), (NAPOT | R | W | X, ALL)])
    assert access(m, A.sd("a1", "a0", 0), a0=0x1000_0000) == ("fault", 7, 0x1000_0000)
    assert access(m, A.ld("a1", "a0", 0), a0=0x1000_0000) == ("ok",)


def test_cfg_legalization(m):
    m.set_csr(PMPCFG0, 0x02 | (0x60 << 8) | (0x1F << 16))   # W without R; reserved bits 6:5
    cfg = m.csr(PMPCFG0)
    assert cfg & 0x3 != 0x2, "R=0 W=1 is reserved"
    assert (cfg >> 8) & 0x60 == 0
    assert (cfg >> 16) & 0xFF == 0x1F
