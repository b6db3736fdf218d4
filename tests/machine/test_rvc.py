"""RVC (unprivileged spec 20191213, chapter 16; RV64C without F/D): every 16-bit encoding either
executes exactly like its 32-bit expansion on the same register and memory state, or — when it
is reserved, or a floating-point form on a hart without F/D — raises an illegal-instruction
exception whose mtval is the 16-bit encoding.

The reference expansion here is written from the spec's tables; the immediate layouts come
from asm.py, whose encoders are checked against the GNU assembler in test_asm.py."""
import random

import pytest

from . import asm as A
from .asm import CODE, DATA, M_HANDLER, MASK64, Machine, cgather, sext


def _bits(c, hi, lo):
    return (c >> lo) & ((1 << (hi - lo + 1)) - 1)


def ref_expand(c):
    """The 32-bit instruction compressed instruction c stands for, or None if it is reserved
    or needs an extension pyvirt lacks (F/D)."""
    q, f3 = c & 3, c >> 13
    rd, rs2 = _bits(c, 11, 7), _bits(c, 6, 2)
    rdp, rs1p = _bits(c, 4, 2) + 8, _bits(c, 9, 7) + 8
    imm6 = sext((_bits(c, 12, 12) << 5) | rs2, 6)
    shamt = (_bits(c, 12, 12) << 5) | rs2
    if q == 0:
        if f3 == 0:
            nz = cgather(c, A.CMAP_ADDI4SPN)
            return A.addi(rdp, 2, nz) if nz else None
        if f3 == 2:
            return A.lw(rdp, rs1p, cgather(c, A.CMAP_LW))
        if f3 == 3:
            return A.ld(rdp, rs1p, cgather(c, A.CMAP_LD))
        if f3 == 6:
            return A.sw(rdp, rs1p, cgather(c, A.CMAP_LW))
        if f3 == 7:
            return A.sd(rdp, rs1p, cgather(c, A.CMAP_LD))
        return None                      # c.fld, c.fsd (no D), f3 = 4 reserved
    if q == 1:
        if f3 == 0:
            return A.addi(rd, rd, imm6)                          # c.addi / c.nop / HINTs
        if f3 == 1:
            return A.addiw(rd, rd, imm6) if rd else None
        if f3 == 2:
            return A.addi(rd, 0, imm6)                           # c.li
        if f3 == 3:
            if rd == 2:
                imm = sext(cgather(c, A.CMAP_ADDI16SP), 10)
                return A.addi(2, 2, imm) if imm else None
            return A.lui(rd, imm6 & 0xFFFFF) if imm6 else None
        if f3 == 4:
            f2 = _bits(c, 11, 10)
            if f2 == 0:
                return A.srli(rs1p, rs1p, shamt)
            if f2 == 1:
                return A.srai(rs1p, rs1p, shamt)
            if f2 == 2:
                return A.andi(rs1p, rs1p, imm6)
            sub = _bits(c, 6, 5)
            if _bits(c, 12, 12) == 0:
                return [A.sub, A.xor, A.or_, A.and_][sub](rs1p, rs1p, rdp)
            return [A.subw, A.addw][sub](rs1p, rs1p, rdp) if sub < 2 else None
        if f3 == 5:
            return A.jal(0, sext(cgather(c, A.CMAP_J), 12))
        off = sext(cgather(c, A.CMAP_B), 9)
        return A.beq(rs1p, 0, off) if f3 == 6 else A.bne(rs1p, 0, off)
    # quadrant 2
    if f3 == 0:
        return A.slli(rd, rd, shamt)
    if f3 == 2:
        return A.lw(rd, 2, cgather(c, A.CMAP_LWSP)) if rd else None
    if f3 == 3:
        return A.ld(rd, 2, cgather(c, A.CMAP_LDSP)) if rd else None
    if f3 == 4:
        if _bits(c, 12, 12) == 0:
            if rs2 == 0:
                return A.jalr(0, rd, 0) if rd else None          # c.jr
            return A.add(rd, 0, rs2)                             # c.mv
        if rs2 == 0:
            return A.jalr(1, rd, 0) if rd else A.ebreak()        # c.jalr / c.ebreak
        return A.add(rd, rd, rs2)                                # c.add
    if f3 == 6:
        return A.sw(rs2, 2, cgather(c, A.CMAP_SWSP))
    if f3 == 7:
        return A.sd(rs2, 2, cgather(c, A.CMAP_SDSP))
    return None                          # c.fldsp, c.fsdsp


# Register states: (1) every register points into RAM (loads/stores/jumps hit memory);
# (2) random values (ALU results; memory accesses fault identically).
STATE_RAM = [0] + [DATA + 0x200 * i for i in range(1, 32)]
_rng = random.Random(2024)
STATE_RANDOM = [0] + [_rng.getrandbits(64) for _ in range(1, 32)]
DATA_SPAN = 0x200 * 32 + 0x400


class Pair:
    """Two machines with identical state: one runs the 16-bit form, one the expansion."""

    def __init__(self):
        self.machines = [Machine().park_handlers(), Machine().park_handlers()]
        fill = bytes(_rng.getrandbits(8) for _ in range(DATA_SPAN))
        for m in self.machines:
            m.bus.write_bytes(DATA, fill)

    @staticmethod
    def run(m, word, size, regs):
        m.bus.write_bytes(CODE, word.to_bytes(size, "little") + b"\0" * (4 - size))
        h = m.hart
        for i in range(1, 32):
            h.set_reg(i, regs[i])
        for csr in (A.MCAUSE, A.MEPC, A.MTVAL):
            h.write_csr(csr, 0)
        h.pc = CODE
        h.run(1)
        return [h.get_reg(i) for i in range(32)], h.pc, (h.read_csr(A.MCAUSE), h.read_csr(A.MEPC),
                                                          h.read_csr(A.MTVAL))


def compare(pair, c, regs):
    """Run c and its expansion from regs; return a mismatch description or None."""
    mc, mx = pair.machines
    exp = ref_expand(c)
    xs, pc, trap = Pair.run(mc, c, 2, regs)
    if exp is None:
        if trap != (2, CODE, c) or pc != M_HANDLER or xs != regs:
            return f"reserved c=0x{c:04x}: trap {trap}, pc 0x{pc:x}"
        return None
    ys, pc2, trap2 = Pair.run(mx, exp, 4, regs)
    opcode = exp & 0x7F
    if opcode == 0x63:                   # c.beqz / c.bnez: decide taken from the state
        taken = (regs[(exp >> 15) & 31] == 0) == (((exp >> 12) & 7) == 0)
        if not taken and pc2 == CODE + 4:
            pc2 = CODE + 2
    elif opcode not in (0x6F, 0x67) and pc2 == CODE + 4:
        pc2 = CODE + 2                   # fall-through differs by the instruction length
    if (exp & 0x7F) == 0x67 and (exp >> 7) & 31 == 1 and ys[1] == CODE + 4:
        ys[1] = CODE + 2                 # c.jalr links pc + 2
    if xs != ys or pc != pc2 or trap != trap2:
        diff = [f"x{i}: 0x{a:x} vs 0x{b:x}" for i, (a, b) in enumerate(zip(xs, ys)) if a != b]
        return (f"c=0x{c:04x} exp=0x{exp:08x}: pc 0x{pc:x} vs 0x{pc2:x}, trap {trap} vs {trap2}, "
                f"{diff}")
    if mc.bus.read_bytes(DATA, DATA_SPAN) != mx.bus.read_bytes(DATA, DATA_SPAN):
        return f"c=0x{c:04x} exp=0x{exp:08x}: memory differs"
    return None


@pytest.mark.parametrize("quadrant", [0, 1, 2])
@pytest.mark.parametrize("state", ["ram", "random"])
def test_every_compressed_encoding_matches_its_expansion(quadrant, state):
    regs = STATE_RAM if state == "ram" else STATE_RANDOM
    pair = Pair()
    failures = []
    for hi in range(1 << 14):
        c = (hi << 2) | quadrant
        problem = compare(pair, c, regs)
        if problem:
            failures.append(problem)
            if len(failures) >= 10:
                break
    assert not failures, "\n".join(failures)


# A readable list of the reserved / unsupported encodings the sweep above covers.
RESERVED = {
    "all-zero": 0x0000,
    "c.addi4spn nzuimm=0": 0x0004,
    "c.fld": 0x2000 | (1 << 2),
    "q0 funct3=4": 0x8000,
    "c.fsd": 0xA000,
    "c.addiw rd=0": 0x2001 | (1 << 2),
    "c.addi16sp imm=0": 0x6101,
    "c.lui imm=0": 0x6000 | (5 << 7) | 1,
    "c.lui rd=0 imm=0": 0x6001,
    "q1 reserved alu 10": 0x9C41,
    "q1 reserved alu 11": 0x9C61,
    "c.fldsp": 0x2002 | (5 << 7),
    "c.lwsp rd=0": 0x4002,
    "c.ldsp rd=0": 0x6002,
    "c.jr rs1=0": 0x8002,
    "c.fsdsp": 0xA002,
}


@pytest.mark.parametrize("name", sorted(RESERVED))
def test_reserved_encodings_raise_illegal_with_the_16_bit_encoding(name):
    c = RESERVED[name]
    m = Machine().park_handlers()
    m.exec(A.Half(c), n=1, pc=CODE + 2)
    assert m.trap() == (2, CODE + 2, c)
    assert m.hart.stats()["traps"]["exceptions"] == {"illegal_insn": 1}


@pytest.fixture
def m():
    return Machine().park_handlers()


def test_semantics_spot_checks(m):
    # a handful of compressed instructions with their effect spelled out
    m.bus.write_u64(DATA + 16, 0x8000000012345678)
    p = A.Asm()
    p.c_li("a0", -7)                   # a0 = -7
    p.c_addi("a0", 3)                  # a0 = -4
    p.c_lui("a1", -1)                  # a1 = 0xFFFFFFFFFFFFF000
    p.c_addi4spn("s0", 16)             # s0 = sp + 16
    p.c_ld("a2", "s0", 0)              # a2 = mem[DATA+16]
    p.c_lwsp("a3", 16)                 # a3 = sext(low word)
    p.c_addiw("a2", 0)                 # sext.w a2
    p.c_srai("s0", 4)                  # s0 >>= 4 (arith)
    p.c_addi16sp(-32)                  # sp -= 32
    p.c_sdsp("a1", 8)                  # mem[sp+8] = a1
    m.exec(p, sp=DATA)
    assert m.x("a0") == (-4) & MASK64
    assert m.x("a1") == 0xFFFFFFFFFFFFF000
    assert m.x("a2") == 0x12345678 and m.x("a3") == 0x12345678
    assert m.x("s0") == (DATA + 16) >> 4
    assert m.x("sp") == DATA - 32
    assert m.bus.read_u64(DATA - 24) == 0xFFFFFFFFFFFFF000
    assert m.hart.pc == CODE + 20


def test_compressed_control_flow(m):
    p = A.Asm()
    p.c_j("over")                      # CODE
    p.c_li("a0", 1)                    # skipped
    p.label("over")
    p.c_beqz("a1", "taken")            # a1 = 0: taken
    p.c_li("a0", 2)
    p.label("taken")
    p.c_jalr("a2")                     # call a2, ra = pc + 2
    m.exec(p, n=3, a1=0, a2=CODE + 0x100)
    assert m.x("a0") == 0
    assert m.hart.pc == CODE + 0x100
    assert m.x("ra") == p.addr("taken") + 2


def test_c_ebreak_traps_as_breakpoint(m):
    m.exec(A.c_ebreak(), n=1, pc=CODE + 6)
    cause, epc, _ = m.trap()
    assert (cause, epc) == (3, CODE + 6)


def test_mixed_lengths_and_32_bit_instruction_at_halfword_alignment(m):
    p = A.Asm()
    p.c_nop()
    p.addi("a0", 0, 5)                 # 4-byte instruction at a 2-byte aligned pc
    p.c_add("a0", "a0")
    p.emit(A.Half(0x0001))             # c.nop
    p.slli("a0", "a0", 2)
    m.exec(p)
    assert m.x("a0") == 40 and m.hart.pc == CODE + 14
