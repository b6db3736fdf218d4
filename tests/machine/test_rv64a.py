"""RV64A atomics (unprivileged spec 20191213, chapter 8): LR/SC reservations, every AMO in
.w and .d form (old value to rd, sign-extended for .w), alignment and access faults, and
reserved encodings."""
import pytest

from . import asm as A
from .asm import CODE, DATA, M_HANDLER, MASK64, Machine

M = MASK64


def s64(v):
    return v - (1 << 64) if v >> 63 else v


def sx32(v):
    v &= 0xFFFFFFFF
    return (v - (1 << 32) if v >> 31 else v) & M


@pytest.fixture
def m():
    return Machine().park_handlers()


OPS = {
    "amoswap": lambda old, src: src,
    "amoadd": lambda old, src: old + src,
    "amoxor": lambda old, src: old ^ src,
    "amoand": lambda old, src: old & src,
    "amoor": lambda old, src: old | src,
    "amomin": lambda old, src: old if s64(old) < s64(src) else src,
    "amomax": lambda old, src: old if s64(old) > s64(src) else src,
    "amominu": lambda old, src: min(old, src),
    "amomaxu": lambda old, src: max(old, src),
}
PAIRS = [(5, 3), (3, 5), (M, 1), (1, M), (0x8000000000000000, 0x7FFFFFFFFFFFFFFF),
         (0x00000000FFFFFFFF, 0x0000000080000000), (0x123456789ABCDEF0, 0x0FEDCBA987654321),
         (0x7FFFFFFF, 0x80000000), (0xFFFFFFFF80000000, 0x7FFFFFFF)]


@pytest.mark.parametrize("op", sorted(OPS))
def test_amo_d(m, op):
    for old, src in PAIRS:
        m.bus.write_u64(DATA, old)
        m.bus.write_u64(DATA + 8, 0x5A5A5A5A5A5A5A5A)
        m.exec(getattr(A, f"{op}_d")("a0", "a2", "a1"), a1=DATA, a2=src)
        assert m.x("a0") == old
        assert m.bus.read_u64(DATA) == OPS[op](old, src) & M, (op, hex(old), hex(src))
        assert m.bus.read_u64(DATA + 8) == 0x5A5A5A5A5A5A5A5A


@pytest.mark.parametrize("op", sorted(OPS))
def test_amo_w(m, op):
    for old64, src in PAIRS:
        old = old64 & 0xFFFFFFFF
        m.bus.write_u32(DATA, old)
        m.bus.write_u32(DATA + 4, 0xA5A5A5A5)
        m.exec(getattr(A, f"{op}_w")("a0", "a2", "a1"), a1=DATA, a2=src)
        assert m.x("a0") == sx32(old), "rd gets the sign-extended old word"
        # 32-bit semantics: operands are the low words, signed ops compare them as signed
        want = OPS[op](sx32(old), sx32(src)) & 0xFFFFFFFF
        assert m.bus.read_u32(DATA) == want, (op, hex(old), hex(src))
        assert m.bus.read_u32(DATA + 4) == 0xA5A5A5A5, "neighbouring word untouched"


def test_amo_rd_equals_rs2(m):
    m.bus.write_u64(DATA, 10)
    m.exec(A.amoadd_d("a2", "a2", "a1"), a1=DATA, a2=5)
    assert m.x("a2") == 10 and m.bus.read_u64(DATA) == 15


def test_amo_rd_x0_discards_old_value(m):
    m.bus.write_u64(DATA, 10)
    m.exec(A.amoswap_d(0, "a2", "a1"), a1=DATA, a2=77)
    assert m.x(0) == 0 and m.bus.read_u64(DATA) == 77


def test_lr_sc_success(m):
    m.bus.write_u64(DATA, 41)
    m.exec([A.lr_d("a0", "a1"), A.addi("a0", "a0", 1), A.sc_d("a3", "a0", "a1")], a1=DATA, a3=99)
    assert m.x("a3") == 0 and m.bus.read_u64(DATA) == 42


def test_lr_w_sign_extends_and_sc_w_stores_a_word(m):
    m.bus.write_u64(DATA, 0x11111111_80000000)
    m.exec([A.lr_w("a0", "a1"), A.sc_w("a3", "a2", "a1")], a1=DATA, a2=0xFFFFFFFF_00000001)
    assert m.x("a0") == 0xFFFFFFFF80000000
    assert m.x("a3") == 0 and m.bus.read_u64(DATA) == 0x11111111_00000001


def test_sc_without_reservation_fails(m):
    m.bus.write_u64(DATA, 7)
    m.exec(A.sc_d("a3", "a2", "a1"), a1=DATA, a2=8)
    assert m.x("a3") != 0 and m.bus.read_u64(DATA) == 7


def test_sc_to_another_address_fails(m):
    m.bus.write_u64(DATA, 7)
    m.bus.write_u64(DATA + 64, 9)
    m.exec([A.lr_d("a0", "a1"), A.sc_d("a3", "a2", "a4")], a1=DATA, a4=DATA + 64, a2=1)
    assert m.x("a3") != 0 and m.bus.read_u64(DATA + 64) == 9


def test_sc_clears_the_reservation(m):
    m.bus.write_u64(DATA, 0)
    m.exec([A.lr_d("a0", "a1"), A.sc_d("a3", "a2", "a1"), A.sc_d("a4", "a5", "a1")], a1=DATA, a2=1, a5=2)
    assert m.x("a3") == 0 and m.x("a4") != 0
    assert m.bus.read_u64(DATA) == 1


def test_lr_sc_loop_increments(m):
    p = A.Asm()
    p.label("retry")
    p.lr_w("t0", "a0", aq=1)
    p.addi("t0", "t0", 1)
    p.sc_w("t1", "t0", "a0", rl=1)
    p.bnez("t1", "retry")
    p.addi("a2", "a2", -1)
    p.bnez("a2", "retry")
    p.label("done")
    p.j("done")
    m.bus.write_u32(DATA, 100)
    m.exec(p, n=6 * 5, a0=DATA, a2=5)
    assert m.bus.read_u32(DATA) == 105


MISALIGNED = [(enc, cause, off) for enc, cause in [
    (A.lr_w("a0", "a1"), 4), (A.lr_d("a0", "a1"), 4),
    (A.sc_w("a0", "a2", "a1"), 6), (A.sc_d("a0", "a2", "a1"), 6),
    (A.amoadd_w("a0", "a2", "a1"), 6), (A.amoswap_d("a0", "a2", "a1"), 6),
] for off in (1, 2, 4) if off < (4 if (enc >> 12) & 7 == 2 else 8)]


@pytest.mark.parametrize("enc,cause,misalign", MISALIGNED)
def test_misaligned_atomics_raise_misaligned(m, enc, cause, misalign):
    m.bus.write_u64(DATA, 0x1122334455667788)
    addr = DATA + misalign
    m.exec(enc, n=1, a1=addr, a2=0xFFFF)
    assert m.trap() == (cause, CODE, addr)
    assert m.bus.read_u64(DATA) == 0x1122334455667788, "a faulting AMO writes nothing"
    assert m.hart.pc == M_HANDLER


@pytest.mark.parametrize("enc,cause", [
    (A.lr_d("a0", "a1"), 5), (A.sc_d("a0", "a2", "a1"), 7), (A.amoor_w("a0", "a2", "a1"), 7),
])
@pytest.mark.parametrize("addr", [0x0, 0x4000_0000, 0x1000_0000])   # unmapped, unmapped, UART (MMIO)
def test_atomics_outside_ram_raise_access_faults(m, enc, cause, addr):
    m.exec(enc, n=1, a1=addr)
    assert m.trap() == (cause, CODE, addr)


ILLEGAL = [
    A.lr_w("a0", "a1") | (1 << 20),             # lr with rs2 != 0
    A.amoadd_w("a0", "a2", "a1") & ~(7 << 12),  # funct3 = 0 (no byte AMOs)
    A.amoadd_w("a0", "a2", "a1") | (1 << 12) | (4 << 12),  # funct3 = 7
    A.amoadd_w("a0", "a2", "a1") | (5 << 27),   # funct5 = 5 (reserved)
    A.amoadd_d("a0", "a2", "a1") | (0x1E << 27),  # funct5 = 0x1E
]


@pytest.mark.parametrize("word", ILLEGAL, ids=[f"{w:08x}" for w in ILLEGAL])
def test_reserved_amo_encodings_are_illegal(m, word):
    m.bus.write_u64(DATA, 3)
    m.exec(word, n=1, a1=DATA, a2=1)
    assert m.trap() == (2, CODE, word)
    assert m.bus.read_u64(DATA) == 3


def test_amo_cost_class():
    m = Machine(costs=(dict(A.UNIT_CPI, amo=9), A.UNIT_EVENTS, 1))
    m.exec([A.amoadd_d("a0", "a2", "a1"), A.lr_d("a0", "a1"), A.sc_d("a0", "a2", "a1")], a1=DATA)
    assert m.hart.stats()["cycles"]["total"] == 27
