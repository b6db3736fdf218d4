"""RV64M multiply/divide (unprivileged spec 20191213, chapter 7) against a Python model,
including division by zero and signed overflow (table 7.1) and the W forms' sign extension."""
import random

import pytest

from . import asm as A
from .asm import CODE, MASK64, Machine

M = MASK64
VALUES = [0, 1, 2, 3, 7, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x100000001, 0x7FFFFFFFFFFFFFFF,
          0x8000000000000000, M, M - 1, 0xFFFFFFFF80000000, 0x0123456789ABCDEF, 0xFEDCBA9876543210]
rng = random.Random(77)
VALUES += [rng.getrandbits(64) for _ in range(8)] + [rng.getrandbits(32) for _ in range(4)]


def s64(v):
    v &= M
    return v - (1 << 64) if v >> 63 else v


def s32(v):
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v >> 31 else v


def sx32(v):
    return s32(v) & M


def tdiv(a, b):
    """Division truncating toward zero (Python's // floors)."""
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


def _div(a, b):
    a, b = s64(a), s64(b)
    if b == 0:
        return M
    if a == -(1 << 63) and b == -1:
        return a & M
    return tdiv(a, b) & M


def _rem(a, b):
    a, b = s64(a), s64(b)
    if b == 0:
        return a & M
    if a == -(1 << 63) and b == -1:
        return 0
    return (a - b * tdiv(a, b)) & M


def _divw(a, b):
    a, b = s32(a), s32(b)
    if b == 0:
        return M
    if a == -(1 << 31) and b == -1:
        return sx32(a)
    return sx32(tdiv(a, b))


def _remw(a, b):
    a, b = s32(a), s32(b)
    if b == 0:
        return sx32(a)
    if a == -(1 << 31) and b == -1:
        return 0
    return sx32(a - b * tdiv(a, b))


OPS = {
    "mul": lambda a, b: (a * b) & M,
    "mulh": lambda a, b: ((s64(a) * s64(b)) >> 64) & M,
    "mulhsu": lambda a, b: ((s64(a) * b) >> 64) & M,
    "mulhu": lambda a, b: (a * b) >> 64,
    "div": _div,
    "divu": lambda a, b: M if b == 0 else a // b,
    "rem": _rem,
    "remu": lambda a, b: a if b == 0 else a % b,
    "mulw": lambda a, b: sx32(a * b),
    "divw": _divw,
    "divuw": lambda a, b: M if b & 0xFFFFFFFF == 0 else sx32((a & 0xFFFFFFFF) // (b & 0xFFFFFFFF)),
    "remw": _remw,
    "remuw": lambda a, b: sx32(a) if b & 0xFFFFFFFF == 0 else sx32((a & 0xFFFFFFFF) % (b & 0xFFFFFFFF)),
}


@pytest.fixture
def m():
    return Machine().park_handlers()


@pytest.mark.parametrize("op", sorted(OPS))
def test_against_reference(m, op):
    enc = getattr(A, op)
    for a in VALUES:
        for b in VALUES:
            m.exec(enc("a0", "a1", "a2"), a1=a, a2=b)
            assert m.x("a0") == OPS[op](a, b), f"{op} 0x{a:x}, 0x{b:x}"
            assert m.hart.pc == CODE + 4


# Table 7.1: division by zero and overflow, spelled out.
SPECIAL = [
    ("div", 1234, 0, M), ("divu", 1234, 0, M), ("rem", 1234, 0, 1234), ("remu", 1234, 0, 1234),
    ("div", 1 << 63, M, 1 << 63), ("rem", 1 << 63, M, 0),
    ("divw", 1234, 0xFFFFFFFF00000000, M),          # only the low 32 bits of the divisor count
    ("divuw", 1234, 0, M), ("remw", 0xFFFFFFFF80000001, 0, 0xFFFFFFFF80000001), ("remuw", 0x80000001, 0,
                                                                                   0xFFFFFFFF80000001),
    ("divw", 0x80000000, 0xFFFFFFFF, 0xFFFFFFFF80000000), ("remw", 0x80000000, 0xFFFFFFFF, 0),
    ("div", M - 6, 2, M - 2), ("rem", M - 6, 2, M), ("rem", 7, M - 1, 1),   # -7/2 = -3 r -1; 7 % -2 = 1
]


@pytest.mark.parametrize("op,a,b,want", SPECIAL)
def test_special_cases(m, op, a, b, want):
    m.exec(getattr(A, op)("t0", "t1", "t2"), t1=a, t2=b)
    assert m.x("t0") == want


def test_destination_same_as_source(m):
    m.exec([A.mul("a0", "a0", "a0"), A.div("a1", "a1", "a2"), A.remu("a2", "a3", "a2")], a0=12, a1=100, a2=7,
           a3=50)
    assert m.x("a0") == 144 and m.x("a1") == 14 and m.x("a2") == 1


def test_no_trap_on_divide_by_zero(m):
    m.exec([A.div("a0", "a1", 0), A.addi("a3", 0, 1)], a1=5)
    assert m.x("a3") == 1 and m.csr("mcause") == 0
    assert m.hart.stats()["traps"]["exceptions"] == {}


def test_costs_use_mul_and_div_classes():
    costs = dict(A.UNIT_CPI, mul=3, div=20)
    m = Machine(costs=(costs, A.UNIT_EVENTS, 1))
    m.exec([A.mul("a0", "a1", "a2"), A.divu("a0", "a1", "a2"), A.mulw("a0", "a1", "a2"), A.remw("a0", "a1", "a2"),
            A.add("a0", "a1", "a2")], a2=3)
    assert m.hart.stats()["cycles"]["total"] == 3 + 20 + 3 + 20 + 1


ILLEGAL = [A.mul("a0", "a1", "a2") | (1 << 26),            # funct7 = 3 on OP
           A.mulw("a0", "a1", "a2") | (1 << 12),           # OP-32 M with funct3 = 1
           A.mulw("a0", "a1", "a2") | (2 << 12),
           A.mulw("a0", "a1", "a2") | (3 << 12)]


@pytest.mark.parametrize("word", ILLEGAL, ids=[f"{w:08x}" for w in ILLEGAL])
def test_reserved_m_encodings_are_illegal(m, word):
    m.exec(word, n=1)
    assert m.trap() == (2, CODE, word)
