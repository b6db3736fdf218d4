"""RV64I base integer instructions (unprivileged spec 20191213, chapters 2 and 5): results
against a Python reference model, control transfer, loads/stores, x0, and illegal encodings."""
import random

import pytest

from . import asm as A
from .asm import CODE, DATA, M_HANDLER, MASK64, Machine

M = MASK64
VALUES = [0, 1, 2, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x100000000,
          0x7FFFFFFFFFFFFFFF, 0x8000000000000000, M, M - 1, 0x0123456789ABCDEF, 0xFEDCBA9876543210]
rng = random.Random(1234)
VALUES += [rng.getrandbits(64) for _ in range(6)]


def s64(v):
    v &= M
    return v - (1 << 64) if v >> 63 else v


def sx32(v):
    v &= 0xFFFFFFFF
    return (v - (1 << 32) if v >> 31 else v) & M


R_OPS = {
    "add": lambda a, b: (a + b) & M,
    "sub": lambda a, b: (a - b) & M,
    "sll": lambda a, b: (a << (b & 63)) & M,
    "slt": lambda a, b: int(s64(a) < s64(b)),
    "sltu": lambda a, b: int(a < b),
    "xor": lambda a, b: a ^ b,
    "srl": lambda a, b: a >> (b & 63),
    "sra": lambda a, b: (s64(a) >> (b & 63)) & M,
    "or_": lambda a, b: a | b,
    "and_": lambda a, b: a & b,
    "addw": lambda a, b: sx32(a + b),
    "subw": lambda a, b: sx32(a - b),
    "sllw": lambda a, b: sx32(a << (b & 31)),
    "srlw": lambda a, b: sx32((a & 0xFFFFFFFF) >> (b & 31)),
    "sraw": lambda a, b: (s64(sx32(a)) >> (b & 31)) & M,
}

I_OPS = {
    "addi": lambda a, i: (a + i) & M,
    "slti": lambda a, i: int(s64(a) < i),
    "sltiu": lambda a, i: int(a < (i & M)),
    "xori": lambda a, i: a ^ (i & M),
    "ori": lambda a, i: a | (i & M),
    "andi": lambda a, i: a & (i & M),
    "addiw": lambda a, i: sx32(a + i),
}
IMMS = [0, 1, -1, 2047, -2048, 0x555, -0x556, 31, 32, 63]

SHIFT_OPS = {
    "slli": (64, lambda a, s: (a << s) & M),
    "srli": (64, lambda a, s: a >> s),
    "srai": (64, lambda a, s: (s64(a) >> s) & M),
    "slliw": (32, lambda a, s: sx32(a << s)),
    "srliw": (32, lambda a, s: sx32((a & 0xFFFFFFFF) >> s)),
    "sraiw": (32, lambda a, s: (s64(sx32(a)) >> s) & M),
}


@pytest.fixture
def m():
    return Machine().park_handlers()


@pytest.mark.parametrize("op", sorted(R_OPS))
def test_register_register(m, op):
    enc = getattr(A, op)
    for a in VALUES:
        for b in VALUES + [5, 31, 32, 33, 63, 64, 65]:
            m.exec(enc("a0", "a1", "a2"), a1=a, a2=b)
            assert m.x("a0") == R_OPS[op](a, b), f"{op} 0x{a:x}, 0x{b:x}"
            assert m.hart.pc == CODE + 4


@pytest.mark.parametrize("op", sorted(I_OPS))
def test_register_immediate(m, op):
    enc = getattr(A, op)
    for a in VALUES:
        for imm in IMMS:
            m.exec(enc("t0", "t1", imm), t1=a)
            assert m.x("t0") == I_OPS[op](a, imm), f"{op} 0x{a:x}, {imm}"


@pytest.mark.parametrize("op", sorted(SHIFT_OPS))
def test_shift_immediate(m, op):
    width, ref = SHIFT_OPS[op]
    enc = getattr(A, op)
    for a in VALUES:
        for sh in range(width):
            m.exec(enc("s2", "s3", sh), s3=a)
            assert m.x("s2") == ref(a, sh), f"{op} 0x{a:x}, {sh}"


def test_same_register_operands(m):
    m.exec(A.add("a0", "a0", "a0"), a0=21)
    assert m.x("a0") == 42
    m.exec(A.sub("a1", "a1", "a1"), a1=12345)
    assert m.x("a1") == 0


def test_x0_is_hardwired_zero(m):
    m.exec([A.addi(0, 0, 5), A.lui(0, 0x12345), A.add("a0", 0, 0), A.jal(0, 4), A.addi("a1", 0, 7)])
    assert m.x(0) == 0 and m.x("a0") == 0 and m.x("a1") == 7
    m.hart.set_reg(0, 99)                      # the Python API ignores x0 writes too
    assert m.hart.get_reg(0) == 0


def test_lui_auipc_sign_extend(m):
    m.exec([A.lui("a0", 0x80000), A.lui("a1", 0x7FFFF), A.auipc("a2", 0xFFFFF), A.auipc("a3", 1)])
    assert m.x("a0") == 0xFFFFFFFF80000000
    assert m.x("a1") == 0x7FFFF000
    assert m.x("a2") == (CODE + 8 - 0x1000) & M
    assert m.x("a3") == CODE + 12 + 0x1000


@pytest.mark.parametrize("value", [0, 1, -1, 2047, -2048, 2048, 0x7FFFFFFF, -0x80000000, 0x80000000,
                                   0xFFFFFFFF, 0x123456789ABCDEF0, -0x123456789ABCDEF0, 1 << 63,
                                   (1 << 64) - 2, 0x0000_0FFF_FFFF_F800, 0x8000_0000_0000_0801])
def test_li_sequences(m, value):
    m.exec(A.li("a5", value))
    assert m.x("a5") == value & M


def test_jal_links_and_jumps(m):
    p = A.Asm()
    p.jal("ra", "target")          # CODE
    p.addi("a0", 0, 1)             # skipped
    p.label("target")
    p.addi("a1", 0, 2)
    m.exec(p, n=2)
    assert m.x("ra") == CODE + 4
    assert m.x("a0") == 0 and m.x("a1") == 2
    assert m.hart.pc == CODE + 12


def test_jal_backward(m):
    m.exec(A.jal("t0", -0x100), pc=CODE + 0x1000, n=1)
    assert m.hart.pc == CODE + 0x1000 - 0x100 and m.x("t0") == CODE + 0x1004


def test_jalr_clears_bit0_and_uses_old_rs1(m):
    m.exec(A.jalr("a0", "a0", 3), a0=CODE + 0x200, n=1)
    assert m.hart.pc == CODE + 0x202          # (0x200 + 3) & ~1
    assert m.x("a0") == CODE + 4              # link written after the target was computed
    m.exec(A.jalr("ra", "t1", -4), t1=CODE + 0x104, n=1)
    assert m.hart.pc == CODE + 0x100 and m.x("ra") == CODE + 4


BRANCHES = {
    "beq": lambda a, b: a == b, "bne": lambda a, b: a != b,
    "blt": lambda a, b: s64(a) < s64(b), "bge": lambda a, b: s64(a) >= s64(b),
    "bltu": lambda a, b: a < b, "bgeu": lambda a, b: a >= b,
}


@pytest.mark.parametrize("op", sorted(BRANCHES))
def test_branches(m, op):
    enc = getattr(A, op)
    for a in VALUES[:12]:
        for b in VALUES[:12]:
            for off in (8, -64):
                m.exec(enc("a0", "a1", off), pc=CODE + 0x100, a0=a, a1=b)
                want = CODE + 0x100 + (off if BRANCHES[op](a, b) else 4)
                assert m.hart.pc == want, f"{op} 0x{a:x} 0x{b:x}"


def test_loads_extend(m):
    m.bus.write_bytes(DATA, bytes.fromhex("80f1e2d3c4b5a697" "7f00ff00ff7f0000"))
    cases = [("lb", 0, 0xFFFFFFFFFFFFFF80), ("lbu", 0, 0x80), ("lb", 8, 0x7F),
             ("lh", 0, 0xFFFFFFFFFFFFF180), ("lhu", 0, 0xF180), ("lh", 8, 0x7F),
             ("lw", 0, 0xFFFFFFFFD3E2F180), ("lwu", 0, 0xD3E2F180), ("lw", 8, 0x00FF007F),
             ("ld", 0, 0x97A6B5C4D3E2F180), ("ld", 8, 0x00007FFF00FF007F),
             ("lh", 1, 0xFFFFFFFFFFFFE2F1), ("lw", 2, 0xFFFFFFFFB5C4D3E2)]
    for op, off, want in cases:
        m.exec(getattr(A, op)("a0", "a1", off - 16), a1=DATA + 16)
        assert m.x("a0") == want, (op, off)


def test_stores_little_endian_widths(m):
    v = 0x1122334455667788
    for op, size in (("sb", 1), ("sh", 2), ("sw", 4), ("sd", 8)):
        m.bus.write_bytes(DATA, b"\xAA" * 16)
        m.exec(getattr(A, op)("a2", "a1", 3), a1=DATA, a2=v)
        assert m.bus.read_bytes(DATA, 16) == b"\xAA" * 3 + v.to_bytes(8, "little")[:size] + \
            b"\xAA" * (13 - size), op


def test_store_then_load_back(m):
    m.exec([A.sd("a0", "a1", -8), A.ld("a2", "a1", -8), A.sw("a0", "a1", 0), A.lwu("a3", "a1", 0)],
           a0=0xCAFEBABEDEADBEEF, a1=DATA + 64)
    assert m.x("a2") == 0xCAFEBABEDEADBEEF and m.x("a3") == 0xDEADBEEF


def test_fence_and_fence_i_are_nops(m):
    m.exec([A.fence(), A.fence(0x3, 0x1), A.fence_i(), A.addi("a0", 0, 9)])
    assert m.x("a0") == 9 and m.hart.pc == CODE + 16


def test_self_modifying_code_after_fence_i(m):
    # a store overwrites an instruction that already ran once; after fence.i the new one runs
    p = A.Asm()
    p.label("top")
    p.addi("a0", "a0", 1)          # patched into addi a0, a0, 100
    p.sw("t1", "t0", 0)
    p.fence_i()
    p.j("top")
    m.exec(p, n=5, a0=0, t0=CODE, t1=A.addi("a0", "a0", 100))
    assert m.x("a0") == 101


def test_instret_and_cycles_count_retired_instructions(m):
    prog = [A.addi("a0", 0, 1)] * 10
    m.exec(prog)
    st = m.hart.stats()
    assert st["instructions"]["total"] == 10 and st["instructions"]["machine"] == 10
    assert st["cycles"]["total"] == 10          # unit costs, no events
    assert m.csr("minstret") == 10 and m.csr("mcycle") == 10


def test_budget_exit(m):
    p = A.Asm()
    p.label("l")
    p.addi("a0", "a0", 1)
    p.j("l")
    code = m.exec(p, n=101)
    assert code == A.EXIT_BUDGET and m.x("a0") == 51


def test_ecall_and_ebreak_in_m_mode(m):
    m.exec(A.ecall(), pc=CODE + 0x40)
    cause, epc, tval = m.trap()
    assert (cause, epc, tval) == (11, CODE + 0x40, 0)
    assert m.hart.pc == M_HANDLER
    m.exec(A.ebreak(), pc=CODE + 0x80)
    assert m.csr("mcause") == 3 and m.csr("mepc") == CODE + 0x80
    st = m.hart.stats()
    assert st["traps"]["exceptions"] == {"ecall_m": 1, "breakpoint": 1}


ILLEGAL = [
    0x00000000,                                      # all zeros
    0xFFFFFFFF,                                      # all ones
    0x00000007,                                      # LOAD-FP (no F extension)
    0x00000027,                                      # STORE-FP
    0x00000053,                                      # OP-FP
    0x0000005B,                                      # custom-2 / reserved
    0x00007003,                                      # load funct3 = 7
    0x00004023,                                      # store funct3 = 4
    0x00002063,                                      # branch funct3 = 2
    0x00003063,                                      # branch funct3 = 3
    0x00001067,                                      # jalr funct3 = 1
    A.slli("a0", "a1", 1) | (1 << 26) << 4,          # slli with funct6 != 0
    A.srai("a0", "a1", 1) | (1 << 31),               # srai with bad funct6
    A.slliw("a0", "a1", 1) | (1 << 25),              # slliw shamt[5] = 1 is reserved in RV64
    A.sraiw("a0", "a1", 1) | (1 << 25),
    A.add("a0", "a1", "a2") | (1 << 26),             # OP with funct7 = 2
    A.sub("a0", "a1", "a2") | (1 << 12) << 1,        # funct7 0x20 with funct3 = 2 (no "sub" form)
    A.addw("a0", "a1", "a2") | (2 << 12),            # OP-32 funct3 = 2
    A.addiw("a0", "a1", 0) | (2 << 12),              # OP-IMM-32 funct3 = 2
    0x0000200F,                                      # MISC-MEM funct3 = 2
    0x00004073,                                      # SYSTEM funct3 = 4
    0x00200073,                                      # SYSTEM imm = 2 (uret is not in RV64 S/U without N)
    0x00000073 | (1 << 7),                           # ecall with rd != 0
    0x7B200073,                                      # dret outside debug mode
]


@pytest.mark.parametrize("word", ILLEGAL, ids=[f"{w:08x}" for w in ILLEGAL])
def test_illegal_encodings(m, word):
    m.exec(word, n=1, pc=CODE + 0x20)
    cause, epc, tval = m.trap()
    assert (cause, epc, tval) == (2, CODE + 0x20, word)
    assert m.hart.pc == M_HANDLER


def test_misaligned_load_within_a_page_is_performed(m):
    # pyvirt performs misaligned accesses in hardware (allowed by the spec); check the bytes
    m.bus.write_bytes(DATA, bytes(range(16)))
    m.exec([A.ld("a0", "a1", 3), A.sw("a2", "a1", 9)], a1=DATA, a2=0xA1B2C3D4)
    assert m.x("a0") == int.from_bytes(bytes(range(3, 11)), "little")
    assert m.bus.read_bytes(DATA + 9, 4) == (0xA1B2C3D4).to_bytes(4, "little")
