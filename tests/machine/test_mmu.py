"""Sv39 (privileged spec 1.12, section 4.3-4.4) with page tables built by the test in guest
RAM: 4 KiB / 2 MiB / 1 GiB pages, permissions (U, SUM, MXR, MPRV), hardware A/D updates seen in
the PTEs, page-fault causes and stval, canonical addresses, misaligned superpages, sfence.vma
variants observed through the TLB statistics, and page-crossing accesses."""
import pytest

from . import asm as A
from .asm import CODE, M_HANDLER, MASK64, PRV_M, PRV_S, PRV_U, RAM_BASE, S_HANDLER, Machine

V, R, W, X, U, G, AF, DF = 1, 2, 4, 8, 16, 32, 64, 128
RW, RX, RWX = R | W, R | X, R | W | X
RAM_SIZE = 8 << 20
PT_POOL = RAM_BASE + 0x40_0000          # page-table pages come from here
PA1 = RAM_BASE + 0x30_0000              # data pages
PA2 = RAM_BASE + 0x30_1000
PA3 = RAM_BASE + 0x30_5000
VA = 0x1000_0000                        # a data virtual page
INT = 1 << 63


class PageTables:
    """Builds Sv39 tables in guest RAM."""

    def __init__(self, m, pool=PT_POOL):
        self.m = m
        self.next = pool
        self.root = self._alloc()

    def _alloc(self):
        page = self.next
        self.next += 0x1000
        self.m.bus.write_bytes(page, bytes(0x1000))
        return page

    def pte_addr(self, va, level=0, create=True):
        """Physical address of the PTE for va at level (creating next-level tables)."""
        table = self.root
        for lvl in (2, 1, 0):
            addr = table + ((va >> (12 + 9 * lvl)) & 0x1FF) * 8
            if lvl == level:
                return addr
            pte = self.m.bus.read_u64(addr)
            if not pte & V:
                assert create, hex(va)
                nxt = self._alloc()
                pte = ((nxt >> 12) << 10) | V
                self.m.bus.write_u64(addr, pte)
            table = ((pte >> 10) & ((1 << 44) - 1)) << 12
        raise AssertionError

    def map(self, va, pa, flags, level=0):
        """A leaf PTE: va -> pa with flags (V added) at level 0 (4K), 1 (2M) or 2 (1G)."""
        addr = self.pte_addr(va, level)
        self.m.bus.write_u64(addr, ((pa >> 12) << 10) | flags | V)
        return addr

    def raw(self, va, value, level=0):
        addr = self.pte_addr(va, level)
        self.m.bus.write_u64(addr, value)
        return addr

    def pte(self, va, level=0):
        return self.m.bus.read_u64(self.pte_addr(va, level, create=False))

    def satp(self, asid=0):
        return (8 << 60) | (asid << 44) | (self.root >> 12)


@pytest.fixture
def m():
    return Machine(RAM_SIZE).park_handlers()


def setup_vm(m, code_flags=RX | AF, asid=0):
    """Identity-map the code and S-handler pages; turn on Sv39. Returns the PageTables."""
    pt = PageTables(m)
    pt.map(CODE, CODE, code_flags)
    pt.map(S_HANDLER, S_HANDLER, RX | AF)
    m.set_csr("satp", pt.satp(asid))
    return pt


def access(m, insn, priv=PRV_S, n=1, **regs):
    """Run one instruction; return ('ok',) or ('fault', cause, tval) (trap to M)."""
    m.set_csr("mcause", 0)
    m.exec(insn, n=n, priv=priv, **regs)
    if m.hart.pc == M_HANDLER:
        assert m.csr("mepc") == CODE
        return ("fault", m.csr("mcause"), m.csr("mtval"))
    return ("ok",)


def tstats(m):
    return dict(m.hart.stats()["tlb"])


# ---- translation and page sizes ----
def test_4k_page_translation(m):
    pt = setup_vm(m)
    pt.map(VA, PA1, RW | AF | DF)
    m.bus.write_u64(PA1 + 0x128, 0x1122334455667788)
    assert access(m, A.ld("a1", "a0", 0x128), a0=VA) == ("ok",)
    assert m.x("a1") == 0x1122334455667788
    assert access(m, A.sd("a2", "a0", 0x200), a0=VA, a2=0xABCD) == ("ok",)
    assert m.bus.read_u64(PA1 + 0x200) == 0xABCD


def test_2m_superpage(m):
    pt = setup_vm(m)
    va, pa = 0x4020_0000, RAM_BASE + 0x20_0000
    pt.map(va, pa, RW | AF | DF, level=1)
    m.bus.write_u64(pa + 0x1_2340, 77)
    assert access(m, A.ld("a1", "a0", 0), a0=va + 0x1_2340) == ("ok",)
    assert m.x("a1") == 77
    assert access(m, A.sd("a2", "a0", 0), a0=va + 0x1F_FFF8, a2=5) == ("ok",)
    assert m.bus.read_u64(pa + 0x1F_FFF8) == 5


def test_1g_superpage_in_the_upper_half(m):
    pt = setup_vm(m)
    va = 0xFFFF_FFC0_0000_0000              # VPN[2] = 256: a negative (sign-extended) address
    pt.map(va, RAM_BASE, RW | AF | DF, level=2)
    m.bus.write_u64(RAM_BASE + 0x30_0010, 0xFEED)
    assert access(m, A.ld("a1", "a0", 0), a0=va + 0x30_0010) == ("ok",)
    assert m.x("a1") == 0xFEED


@pytest.mark.parametrize("level,refs", [(0, 3), (1, 2), (2, 1)])
def test_walk_length_by_page_size(m, level, refs):
    pt = setup_vm(m)
    va = 0x8000_0000 + (3 << 30) if level == 2 else 0x4000_0000 + (0x10_0000 << level)
    va &= ~((1 << (12 + 9 * level)) - 1)
    pt.map(va, RAM_BASE, R | AF, level=level)
    m.exec(A.nop(), n=1, priv=PRV_S)                   # fill the fetch translation first
    before = tstats(m)
    assert access(m, A.ld("a1", "a0", 0), a0=va) == ("ok",)
    after = tstats(m)
    assert after["walk_refs"] - before["walk_refs"] == refs, "A already set: no PTE write"
    assert after["misses"] - before["misses"] == 1


def test_superpage_tlb_entry_covers_other_4k_pages(m):
    pt = setup_vm(m)
    va = 0x4020_0000
    pt.map(va, RAM_BASE + 0x20_0000, R | AF, level=1)
    m.bus.write_u64(RAM_BASE + 0x20_5000, 9)
    access(m, A.ld("a1", "a0", 0), a0=va)
    before = tstats(m)
    assert access(m, A.ld("a1", "a0", 0), a0=va + 0x5000) == ("ok",) and m.x("a1") == 9
    assert tstats(m)["walk_refs"] - before["walk_refs"] in (0, 2), "walk or hit, never a wrong page"


@pytest.mark.parametrize("level", [1, 2])
def test_misaligned_superpage_faults(m, level):
    pt = setup_vm(m)
    va = 0x4000_0000 if level == 1 else 0xC000_0000
    pt.map(va, RAM_BASE + 0x1000, RWX | AF | DF, level=level)    # PPN[0] != 0
    assert access(m, A.ld("a1", "a0", 8), a0=va) == ("fault", 13, va + 8)
    assert access(m, A.sd("a1", "a0", 8), a0=va) == ("fault", 15, va + 8)
    m.exec(A.jalr(0, "a0", 0), n=2, priv=PRV_S, a0=va)
    assert (m.csr("mcause"), m.csr("mepc"), m.csr("mtval")) == (12, va, va)


def test_bare_mode_and_m_mode_do_not_translate(m):
    m.bus.write_u64(PA1, 31)
    m.set_csr("satp", 0)
    assert access(m, A.ld("a1", "a0", 0), a0=PA1) == ("ok",) and m.x("a1") == 31
    setup_vm(m)
    assert access(m, A.ld("a1", "a0", 0), PRV_M, a0=PA1) == ("ok",) and m.x("a1") == 31


# ---- page faults ----
def test_page_fault_causes_and_tval(m):
    pt = setup_vm(m)
    pt.map(VA, PA1, R | AF)                               # read-only, not executable
    assert access(m, A.ld("a1", "a0", 0), a0=VA + 0x2000) == ("fault", 13, VA + 0x2000)   # unmapped
    assert access(m, A.sw("a1", "a0", 4), a0=VA) == ("fault", 15, VA + 4)                # not writable
    assert access(m, A.amoadd_w("a1", "a2", "a0"), a0=VA) == ("fault", 15, VA)           # AMO = store
    assert access(m, A.lr_w("a1", "a0"), a0=VA) == ("ok",)
    m.set_csr("mcause", 0)
    m.exec(A.jalr(0, "a0", 0x10), n=2, priv=PRV_S, a0=VA)                                 # not executable
    assert (m.csr("mcause"), m.csr("mepc"), m.csr("mtval")) == (12, VA + 0x10, VA + 0x10)
    counts = m.hart.stats()["traps"]["exceptions"]
    assert counts["load_page_fault"] == 1 and counts["store_page_fault"] == 2
    assert counts["insn_page_fault"] == 1


def test_page_faults_delegate_to_s(m):
    pt = setup_vm(m, code_flags=RX | U | AF)
    m.set_csr("medeleg", (1 << 12) | (1 << 13) | (1 << 15))
    m.exec(A.ld("a1", "a0", 0), n=1, priv=PRV_U, a0=VA)
    assert m.hart.pc == S_HANDLER
    assert m.strap() == (13, CODE, VA)
    assert pt.pte(CODE) & AF


@pytest.mark.parametrize("pte,why", [
    (((PA1 >> 12) << 10) | W | AF | DF | V, "W without R is reserved"),
    (((PA1 >> 12) << 10) | R | AF, "V = 0"),
    (((PA1 >> 12) << 10) | R | AF | V | (1 << 54), "reserved bit 54"),
    (((PA1 >> 12) << 10) | R | AF | V | (1 << 63), "reserved bit 63 (no Svnapot)"),
    (((PA1 >> 12) << 10) | R | AF | V | (1 << 61), "PBMT bits (no Svpbmt)"),
])
def test_invalid_leaf_ptes_fault(m, pte, why):
    pt = setup_vm(m)
    pt.raw(VA, pte)
    assert access(m, A.ld("a1", "a0", 0), a0=VA) == ("fault", 13, VA), why


def test_nonleaf_at_level_0_faults(m):
    pt = setup_vm(m)
    pt.raw(VA, ((PT_POOL >> 12) << 10) | V)               # pointer PTE where a leaf must be
    assert access(m, A.ld("a1", "a0", 0), a0=VA) == ("fault", 13, VA)


def test_walk_outside_ram_is_an_access_fault(m):
    setup_vm(m)
    m.set_csr("satp", (8 << 60) | (0x1000 >> 12))        # root table at PA 0x1000: no memory there
    m.hart.pc = CODE
    m.hart.priv = PRV_S
    m.run(1)
    assert m.csr("mcause") == 1 and m.csr("mepc") == CODE, "the fetch walk itself faults (access)"


@pytest.mark.parametrize("va", [0x40_0000_0000, 0x8000_0000_0000_0000, 0xFFFF_FFBF_FFFF_F000,
                                0x0100_0000_0000_0000])
def test_non_canonical_addresses_fault(m, va):
    pt = setup_vm(m)
    pt.map(va & ((1 << 39) - 1), PA1, RWX | AF | DF)       # the aliased canonical page is mapped
    assert access(m, A.ld("a1", "a0", 0), a0=va) == ("fault", 13, va)
    assert access(m, A.sd("a1", "a0", 0), a0=va) == ("fault", 15, va)
    m.exec(A.jalr(0, "a0", 0), n=2, priv=PRV_S, a0=va)
    assert (m.csr("mcause"), m.csr("mtval")) == (12, va)


# ---- permissions ----
def test_supervisor_access_to_user_pages_needs_sum(m):
    pt = setup_vm(m)
    pt.map(VA, PA1, RWX | U | AF | DF)
    m.set_csr("mstatus", 0)
    assert access(m, A.ld("a1", "a0", 0), a0=VA) == ("fault", 13, VA)
    assert access(m, A.sd("a1", "a0", 0), a0=VA) == ("fault", 15, VA)
    m.set_csr("mstatus", 1 << 18)                          # SUM
    assert access(m, A.ld("a1", "a0", 0), a0=VA) == ("ok",)
    assert access(m, A.sd("a1", "a0", 0), a0=VA) == ("ok",)
    m.exec(A.jalr(0, "a0", 0), n=2, priv=PRV_S, a0=VA)
    assert m.csr("mcause") == 12, "S never executes from U pages, SUM or not"


def test_user_mode_needs_u_pages(m):
    pt = setup_vm(m, code_flags=RX | U | AF)
    pt.map(VA, PA1, RW | AF | DF)                          # supervisor page
    pt.map(VA + 0x1000, PA2, RW | U | AF | DF)
    assert access(m, A.ld("a1", "a0", 0), PRV_U, a0=VA) == ("fault", 13, VA)
    assert access(m, A.ld("a1", "a0", 0), PRV_U, a0=VA + 0x1000) == ("ok",)
    assert access(m, A.sd("a1", "a0", 0), PRV_U, a0=VA + 0x1000) == ("ok",)


def test_user_code_runs_only_from_u_pages(m):
    setup_vm(m, code_flags=RX | AF)
    m.exec(A.nop(), n=1, priv=PRV_U)
    assert (m.csr("mcause"), m.csr("mtval")) == (12, CODE)


def test_mxr_makes_executable_pages_readable(m):
    pt = setup_vm(m)
    pt.map(VA, PA1, X | AF)
    assert access(m, A.ld("a1", "a0", 0), a0=VA) == ("fault", 13, VA)
    m.set_csr("mstatus", 1 << 19)                          # MXR
    assert access(m, A.ld("a1", "a0", 0), a0=VA) == ("ok",)
    assert access(m, A.sd("a1", "a0", 0), a0=VA) == ("fault", 15, VA), "MXR does not grant writes"


def test_mprv_translates_m_mode_data_accesses(m):
    pt = setup_vm(m)
    pt.map(VA, PA1, RW | AF | DF)
    pt.map(VA + 0x1000, PA2, RW | U | AF | DF)
    m.bus.write_u64(PA1, 0x51)
    m.bus.write_u64(PA2, 0x52)
    m.set_csr("mstatus", (1 << 17) | (PRV_S << 11))        # MPRV, MPP = S
    assert access(m, A.ld("a1", "a0", 0), PRV_M, a0=VA) == ("ok",) and m.x("a1") == 0x51
    assert access(m, A.ld("a1", "a0", 0), PRV_M, a0=VA + 0x1000) == ("fault", 13, VA + 0x1000)
    m.set_csr("mstatus", (1 << 17) | (PRV_U << 11))        # MPP = U: user permissions
    assert access(m, A.ld("a1", "a0", 0), PRV_M, a0=VA + 0x1000) == ("ok",) and m.x("a1") == 0x52
    assert access(m, A.ld("a1", "a0", 0), PRV_M, a0=VA) == ("fault", 13, VA)
    m.set_csr("mstatus", (1 << 17) | (PRV_M << 11))        # MPP = M: no translation
    m.bus.write_u64(PA1 + 8, 0x53)
    assert access(m, A.ld("a1", "a0", 8), PRV_M, a0=PA1) == ("ok",) and m.x("a1") == 0x53


def test_mprv_does_not_affect_fetch(m):
    pt = setup_vm(m)
    pt.map(VA, PA1, RW | AF | DF)
    m.bus.write_u64(PA1, 0x99)
    m.set_csr("mstatus", (1 << 17) | (PRV_U << 11) | (1 << 18))
    # the code page is not a U page: fetch in M ignores MPRV, the load uses U permissions + SUM
    assert access(m, A.ld("a1", "a0", 0), PRV_M, a0=VA) == ("fault", 13, VA)
    m.set_csr("mstatus", (1 << 17) | (PRV_S << 11))
    assert access(m, A.ld("a1", "a0", 0), PRV_M, a0=VA) == ("ok",) and m.x("a1") == 0x99


# ---- A and D ----
def test_hardware_sets_accessed_and_dirty(m):
    pt = setup_vm(m, code_flags=RX)
    a = pt.map(VA, PA1, RW)
    assert access(m, A.ld("a1", "a0", 0), a0=VA) == ("ok",)
    assert pt.pte(CODE) & AF, "instruction fetch sets A"
    assert m.bus.read_u64(a) & (AF | DF) == AF, "a load sets A, not D"
    assert access(m, A.sd("a1", "a0", 0), a0=VA) == ("ok",)
    assert m.bus.read_u64(a) & (AF | DF) == AF | DF, "a store sets D"
    assert m.bus.read_u64(a) >> 10 == PA1 >> 12, "the rest of the PTE is unchanged"


def test_store_to_clean_page_sets_dirty_even_after_a_tlb_fill(m):
    pt = setup_vm(m)
    a = pt.map(VA, PA1, RW | AF)
    access(m, A.ld("a1", "a0", 0), a0=VA)                 # TLB now holds a clean entry
    assert m.bus.read_u64(a) & DF == 0
    assert access(m, A.sw("a1", "a0", 0), a0=VA) == ("ok",)
    assert m.bus.read_u64(a) & DF


def test_amo_sets_dirty(m):
    pt = setup_vm(m)
    a = pt.map(VA, PA1, RW)
    assert access(m, A.amoadd_d("a1", "a2", "a0"), a0=VA, a2=1) == ("ok",)
    assert m.bus.read_u64(a) & (AF | DF) == AF | DF


def test_faulting_access_sets_neither_bit(m):
    pt = setup_vm(m)
    a = pt.map(VA, PA1, R)
    assert access(m, A.sd("a1", "a0", 0), a0=VA) == ("fault", 15, VA)
    assert m.bus.read_u64(a) & (AF | DF) == 0


def test_superpage_a_d_updates_the_leaf(m):
    pt = setup_vm(m)
    va = 0x4020_0000
    a = pt.map(va, RAM_BASE + 0x20_0000, RW, level=1)
    assert access(m, A.sd("a1", "a0", 0), a0=va + 0x1234) == ("ok",)
    assert m.bus.read_u64(a) & (AF | DF) == AF | DF


# ---- sfence.vma and the TLB ----
def test_stale_tlb_entry_until_sfence(m):
    pt = setup_vm(m)
    pt.map(VA, PA1, RW | AF | DF)
    m.bus.write_u64(PA1, 1)
    m.bus.write_u64(PA2, 2)
    access(m, A.ld("a1", "a0", 0), a0=VA)
    assert m.x("a1") == 1
    pt.map(VA, PA2, RW | AF | DF)                           # remap without a fence
    before = tstats(m)
    access(m, A.ld("a1", "a0", 0), a0=VA)
    after = tstats(m)
    assert m.x("a1") == 1, "the TLB still holds the old translation"
    assert after["hits"] > before["hits"] and after["walk_refs"] == before["walk_refs"]
    access(m, A.sfence_vma())
    assert tstats(m)["flushes"] == after["flushes"] + 1
    access(m, A.ld("a1", "a0", 0), a0=VA)
    assert m.x("a1") == 2


def test_sfence_by_address_flushes_only_that_page(m):
    pt = setup_vm(m, code_flags=RX | AF | G)
    pt.map(VA, PA1, RW | AF | DF)
    pt.map(VA + 0x1000, PA2, RW | AF | DF)
    m.bus.write_u64(PA1, 1)
    m.bus.write_u64(PA2, 2)
    m.bus.write_u64(PA3, 3)
    for off in (0, 0x1000):
        access(m, A.ld("a1", "a0", 0), a0=VA + off)
    pt.map(VA, PA3, RW | AF | DF)
    pt.map(VA + 0x1000, PA3, RW | AF | DF)
    flushes = tstats(m)["flushes"]
    access(m, A.sfence_vma("a0", 0), a0=VA + 0x10)         # any address inside the page
    assert tstats(m)["flushes"] == flushes + 1
    before = tstats(m)
    access(m, A.ld("a1", "a0", 0), a0=VA)
    after = tstats(m)
    assert m.x("a1") == 3
    assert after["misses"] - before["misses"] == 1 and after["walk_refs"] - before["walk_refs"] == 3
    access(m, A.ld("a1", "a0", 0), a0=VA + 0x1000)
    assert m.x("a1") == 2, "the other page was not flushed"
    end = tstats(m)
    assert end["misses"] == after["misses"] and end["hits"] > after["hits"]


def test_sfence_by_address_inside_a_superpage(m):
    pt = setup_vm(m)
    va = 0x4020_0000
    pt.map(va, RAM_BASE + 0x20_0000, R | AF, level=1)
    m.bus.write_u64(RAM_BASE + 0x20_0008, 1)
    m.bus.write_u64(RAM_BASE + 0x40_0008 + 0x20_0000, 0)
    access(m, A.ld("a1", "a0", 8), a0=va)
    pt.map(va, RAM_BASE + 0x60_0000, R | AF, level=1)
    m.bus.write_u64(RAM_BASE + 0x60_0008, 6)
    access(m, A.sfence_vma("a0", 0), a0=va + 0x1_3000)     # another 4K page of the superpage
    access(m, A.ld("a1", "a0", 8), a0=va)
    assert m.x("a1") == 6


def test_asids_separate_address_spaces_and_asid_flush(m):
    pt1 = setup_vm(m, asid=1)
    pt2 = PageTables(m, pool=PT_POOL + 0x10_0000)
    pt2.map(CODE, CODE, RX | AF)
    pt2.map(S_HANDLER, S_HANDLER, RX | AF)
    pt1.map(VA, PA1, RW | AF | DF)
    pt2.map(VA, PA2, RW | AF | DF)
    m.bus.write_u64(PA1, 1)
    m.bus.write_u64(PA2, 2)
    m.bus.write_u64(PA3, 3)
    access(m, A.ld("a1", "a0", 0), a0=VA)
    assert m.x("a1") == 1
    m.set_csr("satp", pt2.satp(asid=2))
    access(m, A.ld("a1", "a0", 0), a0=VA)
    assert m.x("a1") == 2, "entries of ASID 1 do not match in ASID 2"
    pt1.map(VA, PA3, RW | AF | DF)
    m.set_csr("satp", pt1.satp(asid=1))
    access(m, A.ld("a1", "a0", 0), a0=VA)
    assert m.x("a1") == 1, "ASID 1's entry survived the switch (no flush)"
    access(m, A.sfence_vma(0, "a2"), a2=2)                 # flush ASID 2 only
    access(m, A.ld("a1", "a0", 0), a0=VA)
    assert m.x("a1") == 1
    access(m, A.sfence_vma(0, "a2"), a2=1)                 # flush ASID 1
    access(m, A.ld("a1", "a0", 0), a0=VA)
    assert m.x("a1") == 3


def test_global_pages_survive_asid_flushes(m):
    pt = setup_vm(m, code_flags=RX | AF | G, asid=5)
    pt.map(VA, PA1, RW | G | AF | DF)
    pt.map(VA + 0x1000, PA1, RW | AF | DF)
    m.bus.write_u64(PA1, 1)
    m.bus.write_u64(PA3, 3)
    access(m, A.ld("a1", "a0", 0), a0=VA)
    access(m, A.ld("a1", "a0", 0), a0=VA + 0x1000)
    pt.map(VA, PA3, RW | G | AF | DF)
    pt.map(VA + 0x1000, PA3, RW | AF | DF)
    access(m, A.sfence_vma(0, "a2"), a2=5)
    before = tstats(m)
    access(m, A.ld("a1", "a0", 0), a0=VA)
    assert m.x("a1") == 1, "global entry kept by an ASID flush"
    mid = tstats(m)
    assert mid["misses"] == before["misses"] and mid["walk_refs"] == before["walk_refs"]
    access(m, A.ld("a1", "a0", 0), a0=VA + 0x1000)
    assert m.x("a1") == 3, "non-global entry of the ASID flushed"
    assert tstats(m)["misses"] == mid["misses"] + 1
    access(m, A.sfence_vma("a0", "a2"), a0=VA, a2=5)       # address + ASID: globals still kept
    access(m, A.ld("a1", "a0", 0), a0=VA)
    assert m.x("a1") == 1
    access(m, A.sfence_vma("a0", 0), a0=VA)                # address, all ASIDs: flushed
    access(m, A.ld("a1", "a0", 0), a0=VA)
    assert m.x("a1") == 3


def test_global_entry_matches_in_every_asid(m):
    pt = setup_vm(m, asid=1)
    pt.map(VA, PA1, RW | G | AF | DF)
    m.bus.write_u64(PA1, 1)
    m.bus.write_u64(PA3, 3)
    access(m, A.ld("a1", "a0", 0), a0=VA)
    pt.map(VA, PA3, RW | G | AF | DF)
    m.set_csr("satp", pt.satp(asid=9))
    before = tstats(m)
    access(m, A.ld("a1", "a0", 0), a0=VA)
    assert m.x("a1") == 1 and tstats(m)["hits"] > before["hits"]


def test_tlb_statistics(m):
    pt = setup_vm(m)
    for i in range(4):
        pt.map(VA + 0x1000 * i, PA1, R | AF)
    m.exec(A.nop(), n=1, priv=PRV_S)
    before = tstats(m)
    for i in range(4):
        access(m, A.ld("a1", "a0", 0), a0=VA + 0x1000 * i)
    mid = tstats(m)
    assert mid["misses"] - before["misses"] == 4
    assert mid["walk_refs"] - before["walk_refs"] == 4 * 3
    for i in range(4):
        access(m, A.ld("a1", "a0", 0), a0=VA + 0x1000 * i)
    end = tstats(m)
    assert end["misses"] == mid["misses"] and end["hits"] - mid["hits"] >= 4
    assert end["entries"] == 64 and end["ways"] == 4


def test_satp_write_alone_does_not_flush(m):
    pt = setup_vm(m)
    pt.map(VA, PA1, R | AF)
    m.bus.write_u64(PA1, 1)
    access(m, A.ld("a1", "a0", 0), a0=VA)
    flushes = tstats(m)["flushes"]
    pt.map(VA, PA3, R | AF)
    m.bus.write_u64(PA3, 3)
    access(m, A.csrrw(0, "satp", "a2"), a2=pt.satp())
    access(m, A.ld("a1", "a0", 0), a0=VA)
    assert m.x("a1") == 1 and tstats(m)["flushes"] == flushes


# ---- page-crossing accesses ----
def crossing_setup(m):
    pt = setup_vm(m)
    pt.map(VA, PA1, RW | AF | DF)
    pt.map(VA + 0x1000, PA3, RW | AF | DF)                  # not physically contiguous
    m.bus.write_bytes(PA1 + 0xFF8, bytes(range(0x10, 0x18)))
    m.bus.write_bytes(PA3, bytes(range(0x20, 0x28)))
    return pt


def test_misaligned_load_crossing_pages(m):
    crossing_setup(m)
    assert access(m, A.ld("a1", "a0", 0), a0=VA + 0xFFC) == ("ok",)
    assert m.x("a1") == int.from_bytes(bytes([0x14, 0x15, 0x16, 0x17, 0x20, 0x21, 0x22, 0x23]), "little")
    assert access(m, A.lw("a1", "a0", 0), a0=VA + 0xFFF) == ("ok",)
    assert m.x("a1") == 0x222120_17


def test_misaligned_store_crossing_pages(m):
    crossing_setup(m)
    assert access(m, A.sd("a1", "a0", 0), a0=VA + 0xFFA, a1=0x8877665544332211) == ("ok",)
    assert m.bus.read_bytes(PA1 + 0xFF8, 8) == bytes([0x10, 0x11, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66])
    assert m.bus.read_bytes(PA3, 4) == bytes([0x77, 0x88, 0x22, 0x23])


def test_crossing_load_faulting_on_second_page(m):
    pt = crossing_setup(m)
    pt.raw(VA + 0x1000, 0)
    m.set_regs(a1=0x5555)
    result = access(m, A.ld("a1", "a0", 0), a0=VA + 0xFFC, a1=0x5555)
    assert result[:2] == ("fault", 13)
    assert m.x("a1") == 0x5555
    # "If mtval is written with a nonzero value when a misaligned load or store causes an
    # access-fault or page-fault exception, then mtval will contain the virtual address of the
    # portion of the access that caused the fault" (privileged 1.12, 3.1.16)
    assert VA + 0x1000 <= result[2] < VA + 0x1004, hex(result[2])


def test_crossing_store_faulting_on_second_page_leaves_memory_unchanged(m):
    pt = crossing_setup(m)
    pt.map(VA + 0x1000, PA3, R | AF | DF)                   # second page read-only
    before1, before3 = m.bus.read_bytes(PA1 + 0xFF8, 8), m.bus.read_bytes(PA3, 8)
    result = access(m, A.sd("a1", "a0", 0), a0=VA + 0xFFC, a1=MASK64)
    assert result[:2] == ("fault", 15)
    assert m.bus.read_bytes(PA1 + 0xFF8, 8) == before1, "first page unchanged"
    assert m.bus.read_bytes(PA3, 8) == before3
    assert VA + 0x1000 <= result[2] < VA + 0x1004, hex(result[2])


def test_crossing_store_faulting_on_first_page(m):
    pt = crossing_setup(m)
    pt.map(VA, PA1, R | AF)
    before3 = m.bus.read_bytes(PA3, 8)
    assert access(m, A.sd("a1", "a0", 0), a0=VA + 0xFFC, a1=MASK64) == ("fault", 15, VA + 0xFFC)
    assert m.bus.read_bytes(PA3, 8) == before3


def test_instruction_crossing_pages(m):
    pt = setup_vm(m)
    code_va = 0x2000_0000
    pt.map(code_va, PA1, RX | AF)
    pt.map(code_va + 0x1000, PA3, RX | AF)
    word = A.addi("a0", 0, 0x123).to_bytes(4, "little")
    m.bus.write_bytes(PA1 + 0xFFE, word[:2])
    m.bus.write_bytes(PA3, word[2:] + A.addi("a1", 0, 7).to_bytes(4, "little"))
    m.hart.pc = code_va + 0xFFE
    m.hart.priv = PRV_S
    m.run(2)
    assert m.x("a0") == 0x123 and m.x("a1") == 7
    assert m.hart.pc == code_va + 0x1006


def test_instruction_crossing_into_unmapped_page(m):
    pt = setup_vm(m)
    code_va = 0x2000_0000
    pt.map(code_va, PA1, RX | AF)
    m.bus.write_bytes(PA1 + 0xFFE, A.addi("a0", 0, 1).to_bytes(4, "little")[:2])
    m.hart.pc = code_va + 0xFFE
    m.hart.priv = PRV_S
    m.run(1)
    assert m.csr("mcause") == 12
    assert m.csr("mepc") == code_va + 0xFFE, "epc points at the instruction"
    assert m.csr("mtval") in (code_va + 0xFFE, code_va + 0x1000)


def test_compressed_instruction_at_end_of_page_does_not_touch_next_page(m):
    pt = setup_vm(m)
    code_va = 0x2000_0000
    pt.map(code_va, PA1, RX | AF)
    m.bus.write_bytes(PA1 + 0xFFE, A.c_li("a0", 5).to_bytes(2, "little"))
    m.hart.pc = code_va + 0xFFE
    m.hart.priv = PRV_S
    m.run(1)
    assert m.x("a0") == 5 and m.hart.pc == code_va + 0x1000
