"""A tiny RV64IMAC + Zicsr + Zifencei encoder and a bare machine for hart-level tests.

Encoders are plain functions returning the instruction word (an int); compressed encoders
(`c_*`) return a `Half` (an int subclass) so a program knows they take 2 bytes. Operand
order follows the assembler: `addi(rd, rs1, imm)`, loads `lw(rd, rs1, imm)` (= lw rd,
imm(rs1)), stores `sw(rs2, rs1, imm)` (= sw rs2, imm(rs1)), AMOs `amoadd_w(rd, rs2, rs1)`,
CSRs `csrrw(rd, csr, rs1)`. Registers are ints or ABI names ("a0", "sp", "x5").

`Asm` lays instructions out from a base address with labels for branches and jumps:

    p = Asm()
    p.li("a0", 10)
    p.label("loop")
    p.addi("a0", "a0", -1)
    p.bnez("a0", "loop")

`Machine` is a Bus (RAM at 0x8000_0000) plus a Hart with unit costs; `run_program` loads a
program, runs it for N instructions and returns the hart.
"""
from pyvirt.machine.bus import Bus
from pyvirt.machine.hart import CLASS_NAMES, EVENT_NAMES, Hart

RAM_BASE = 0x8000_0000
RAM_SIZE = 1 << 20
MASK64 = (1 << 64) - 1

EXIT_BUDGET, EXIT_STOP, EXIT_MTRAP, EXIT_WFI_IDLE, EXIT_TOHOST, EXIT_TRAP_LOOP = range(6)
PRV_U, PRV_S, PRV_M = 0, 1, 3

CPI_KEYS = ("alu", "mul", "div", "load", "store", "branch", "jump", "csr", "amo", "fence", "system")
EVENT_KEYS = ("trap_entry", "tlb_walk_ref", "device_access", "firmware_call")
UNIT_CPI = {k: 1 for k in CPI_KEYS}
UNIT_EVENTS = {k: 1 for k in EVENT_KEYS}
assert set(CPI_KEYS) == set(CLASS_NAMES) and set(EVENT_KEYS) == set(EVENT_NAMES)

ABI = ["zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4",
       "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4",
       "t5", "t6"]
REGS = {name: i for i, name in enumerate(ABI)}
REGS.update({f"x{i}": i for i in range(32)})
REGS["fp"] = 8

# CSR numbers
CSR = dict(
    sstatus=0x100, sie=0x104, stvec=0x105, scounteren=0x106, senvcfg=0x10A, sscratch=0x140,
    sepc=0x141, scause=0x142, stval=0x143, sip=0x144, stimecmp=0x14D, satp=0x180,
    mstatus=0x300, misa=0x301, medeleg=0x302, mideleg=0x303, mie=0x304, mtvec=0x305,
    mcounteren=0x306, menvcfg=0x30A, mcountinhibit=0x320, mscratch=0x340, mepc=0x341,
    mcause=0x342, mtval=0x343, mip=0x344, pmpcfg0=0x3A0, pmpaddr0=0x3B0,
    mcycle=0xB00, minstret=0xB02, cycle=0xC00, time=0xC01, instret=0xC02,
    mvendorid=0xF11, marchid=0xF12, mimpid=0xF13, mhartid=0xF14, mconfigptr=0xF15,
)
globals().update({name.upper(): num for name, num in CSR.items()})


class Half(int):
    """A 16-bit (compressed) instruction."""


def reg(r):
    """Register number of an int or an ABI/x name."""
    if isinstance(r, int):
        assert 0 <= r < 32, r
        return r
    return REGS[r]


def creg(r):
    """The 3-bit field of a compressed-form register (x8..x15)."""
    n = reg(r)
    assert 8 <= n <= 15, f"{r} is not one of x8..x15"
    return n - 8


def csrnum(c):
    return CSR[c] if isinstance(c, str) else c


def _fits(v, bits):
    return -(1 << (bits - 1)) <= v < (1 << (bits - 1))


def sext(v, bits):
    v &= (1 << bits) - 1
    return v - (1 << bits) if v >> (bits - 1) else v


# ---- base formats ----
def enc_r(op, f3, f7, rd, rs1, rs2):
    return (f7 << 25) | (reg(rs2) << 20) | (reg(rs1) << 15) | (f3 << 12) | (reg(rd) << 7) | op


def enc_i(op, f3, rd, rs1, imm):
    assert _fits(imm, 12), imm
    return ((imm & 0xFFF) << 20) | (reg(rs1) << 15) | (f3 << 12) | (reg(rd) << 7) | op


def enc_s(op, f3, rs1, rs2, imm):
    assert _fits(imm, 12), imm
    imm &= 0xFFF
    return ((imm >> 5) << 25) | (reg(rs2) << 20) | (reg(rs1) << 15) | (f3 << 12) | ((imm & 0x1F) << 7) | op


def enc_b(f3, rs1, rs2, off):
    assert _fits(off, 13) and off % 2 == 0, off
    u = off & 0x1FFF
    return (((u >> 12) & 1) << 31) | (((u >> 5) & 0x3F) << 25) | (reg(rs2) << 20) | (reg(rs1) << 15) | \
        (f3 << 12) | (((u >> 1) & 0xF) << 8) | (((u >> 11) & 1) << 7) | 0x63


def enc_u(op, rd, imm20):
    assert -(1 << 19) <= imm20 < (1 << 20), imm20
    return ((imm20 & 0xFFFFF) << 12) | (reg(rd) << 7) | op


def enc_j(rd, off):
    assert _fits(off, 21) and off % 2 == 0, off
    u = off & 0x1FFFFF
    return (((u >> 20) & 1) << 31) | (((u >> 1) & 0x3FF) << 21) | (((u >> 11) & 1) << 20) | \
        (((u >> 12) & 0xFF) << 12) | (reg(rd) << 7) | 0x6F


# ---- RV64I ----
def lui(rd, imm20): return enc_u(0x37, rd, imm20)
def auipc(rd, imm20): return enc_u(0x17, rd, imm20)
def jal(rd, off): return enc_j(rd, off)
def jalr(rd, rs1, imm=0): return enc_i(0x67, 0, rd, rs1, imm)


def _branch(f3):
    return lambda rs1, rs2, off: enc_b(f3, rs1, rs2, off)


beq, bne, blt, bge, bltu, bgeu = (_branch(f) for f in (0, 1, 4, 5, 6, 7))


def _load(f3):
    return lambda rd, rs1, imm=0: enc_i(0x03, f3, rd, rs1, imm)


lb, lh, lw, ld, lbu, lhu, lwu = (_load(f) for f in range(7))


def _store(f3):
    return lambda rs2, rs1, imm=0: enc_s(0x23, f3, rs1, rs2, imm)


sb, sh, sw, sd = (_store(f) for f in range(4))


def _opimm(f3):
    return lambda rd, rs1, imm: enc_i(0x13, f3, rd, rs1, imm)


addi, slti, sltiu, xori, ori, andi = (_opimm(f) for f in (0, 2, 3, 4, 6, 7))


def slli(rd, rs1, sh): return enc_i(0x13, 1, rd, rs1, sh & 0x3F)
def srli(rd, rs1, sh): return enc_i(0x13, 5, rd, rs1, sh & 0x3F)
def srai(rd, rs1, sh): return enc_i(0x13, 5, rd, rs1, 0x400 | (sh & 0x3F))
def addiw(rd, rs1, imm): return enc_i(0x1B, 0, rd, rs1, imm)
def slliw(rd, rs1, sh): return enc_i(0x1B, 1, rd, rs1, sh & 0x1F)
def srliw(rd, rs1, sh): return enc_i(0x1B, 5, rd, rs1, sh & 0x1F)
def sraiw(rd, rs1, sh): return enc_i(0x1B, 5, rd, rs1, 0x400 | (sh & 0x1F))


def _op(f3, f7, op=0x33):
    return lambda rd, rs1, rs2: enc_r(op, f3, f7, rd, rs1, rs2)


add, sub, sll, slt, sltu = _op(0, 0), _op(0, 0x20), _op(1, 0), _op(2, 0), _op(3, 0)
xor, srl, sra, or_, and_ = _op(4, 0), _op(5, 0), _op(5, 0x20), _op(6, 0), _op(7, 0)
addw, subw, sllw = _op(0, 0, 0x3B), _op(0, 0x20, 0x3B), _op(1, 0, 0x3B)
srlw, sraw = _op(5, 0, 0x3B), _op(5, 0x20, 0x3B)
# ---- M ----
mul, mulh, mulhsu, mulhu, div, divu, rem, remu = (_op(f, 1) for f in range(8))
mulw, divw, divuw, remw, remuw = (_op(f, 1, 0x3B) for f in (0, 4, 5, 6, 7))


# ---- A ----
def _amo(f5, f3):
    def enc(rd, rs2, rs1, aq=0, rl=0):
        return enc_r(0x2F, f3, (f5 << 2) | (aq << 1) | rl, rd, rs1, rs2)
    return enc


def lr_w(rd, rs1, aq=0, rl=0): return _amo(2, 2)(rd, 0, rs1, aq, rl)
def lr_d(rd, rs1, aq=0, rl=0): return _amo(2, 3)(rd, 0, rs1, aq, rl)


AMO_F5 = dict(sc=3, amoswap=1, amoadd=0, amoxor=4, amoand=0xC, amoor=8, amomin=0x10, amomax=0x14,
              amominu=0x18, amomaxu=0x1C)
for _n, _f5 in AMO_F5.items():
    globals()[f"{_n}_w"] = _amo(_f5, 2)
    globals()[f"{_n}_d"] = _amo(_f5, 3)


# ---- fences and SYSTEM ----
def fence(pred=0xF, succ=0xF): return (pred << 24) | (succ << 20) | 0x0F
def fence_i(): return 0x0000100F
def ecall(): return 0x00000073
def ebreak(): return 0x00100073
def mret(): return 0x30200073
def sret(): return 0x10200073
def wfi(): return 0x10500073
def sfence_vma(rs1=0, rs2=0): return enc_r(0x73, 0, 0x09, 0, rs1, rs2)


def _csr(f3):
    def enc(rd, csr, src):
        src = src if f3 >= 5 else reg(src)
        assert 0 <= src < 32
        return (csrnum(csr) << 20) | (src << 15) | (f3 << 12) | (reg(rd) << 7) | 0x73
    return enc


csrrw, csrrs, csrrc, csrrwi, csrrsi, csrrci = (_csr(f) for f in (1, 2, 3, 5, 6, 7))


# ---- pseudo-instructions ----
def nop(): return addi(0, 0, 0)
def mv(rd, rs): return addi(rd, rs, 0)
def csrr(rd, csr): return csrrs(rd, csr, 0)
def csrw(csr, rs): return csrrw(0, csr, rs)
def csrs(csr, rs): return csrrs(0, csr, rs)
def csrc(csr, rs): return csrrc(0, csr, rs)
def csrwi(csr, imm): return csrrwi(0, csr, imm)
def j(off): return jal(0, off)
def beqz(rs, off): return beq(rs, 0, off)
def bnez(rs, off): return bne(rs, 0, off)


def li(rd, value):
    """The instruction sequence (list) loading a 64-bit constant into rd."""
    v = sext(value & MASK64, 64)
    if _fits(v, 12):
        return [addi(rd, 0, v)]
    if _fits(v, 32):
        hi = ((v + 0x800) >> 12) & 0xFFFFF
        lo = sext(v, 12)
        return [lui(rd, hi)] + ([addiw(rd, rd, lo)] if lo else [])
    lo = sext(v, 12)
    hi = (v - lo) >> 12
    shift = 12
    while hi & 1 == 0:
        hi >>= 1
        shift += 1
    return li(rd, hi) + [slli(rd, rd, shift)] + ([addi(rd, rd, lo)] if lo else [])


# ---- RVC (RV64C without the floating-point forms) ----
def _ci_bits(v, hi, lo):
    return (v >> lo) & ((1 << (hi - lo + 1)) - 1)


# Immediate layouts of the compressed formats: [(instruction bit, immediate bit), ...]
CMAP_ADDI4SPN = [(12, 5), (11, 4), (10, 9), (9, 8), (8, 7), (7, 6), (6, 2), (5, 3)]
CMAP_LW = [(12, 5), (11, 4), (10, 3), (6, 2), (5, 6)]
CMAP_LD = [(12, 5), (11, 4), (10, 3), (6, 7), (5, 6)]
CMAP_ADDI16SP = [(12, 9), (6, 4), (5, 6), (4, 8), (3, 7), (2, 5)]
CMAP_J = [(12, 11), (11, 4), (10, 9), (9, 8), (8, 10), (7, 6), (6, 7), (5, 3), (4, 2), (3, 1), (2, 5)]
CMAP_B = [(12, 8), (11, 4), (10, 3), (6, 7), (5, 6), (4, 2), (3, 1), (2, 5)]
CMAP_LWSP = [(12, 5), (6, 4), (5, 3), (4, 2), (3, 7), (2, 6)]
CMAP_LDSP = [(12, 5), (6, 4), (5, 3), (4, 8), (3, 7), (2, 6)]
CMAP_SWSP = [(12, 5), (11, 4), (10, 3), (9, 2), (8, 7), (7, 6)]
CMAP_SDSP = [(12, 5), (11, 4), (10, 3), (9, 8), (8, 7), (7, 6)]


def cgather(c, mapping):
    """Inverse of _cfield: collect an immediate from compressed instruction bits."""
    out = 0
    for ib, vb in mapping:
        out |= ((c >> ib) & 1) << vb
    return out


def _cfield(value, mapping):
    """Scatter bits of value: mapping = [(inst_bit, value_bit), ...]."""
    out = 0
    for ib, vb in mapping:
        out |= ((value >> vb) & 1) << ib
    return out


def c_addi4spn(rd, uimm):
    assert 0 < uimm < 1024 and uimm % 4 == 0
    return Half((0 << 13) | _cfield(uimm, CMAP_ADDI4SPN) | (creg(rd) << 2) | 0)


def _c_lsw(f3, r1, rs1p, uimm):
    assert 0 <= uimm < 128 and uimm % 4 == 0
    return Half((f3 << 13) | _cfield(uimm, CMAP_LW) | (creg(rs1p) << 7) | (creg(r1) << 2))


def _c_lsd(f3, r1, rs1p, uimm):
    assert 0 <= uimm < 256 and uimm % 8 == 0
    return Half((f3 << 13) | _cfield(uimm, CMAP_LD) | (creg(rs1p) << 7) | (creg(r1) << 2))


def c_lw(rd, rs1, uimm): return _c_lsw(2, rd, rs1, uimm)
def c_ld(rd, rs1, uimm): return _c_lsd(3, rd, rs1, uimm)
def c_sw(rs2, rs1, uimm): return _c_lsw(6, rs2, rs1, uimm)
def c_sd(rs2, rs1, uimm): return _c_lsd(7, rs2, rs1, uimm)


def _c_ci(f3, rd, imm6, q=1):
    return Half((f3 << 13) | (((imm6 >> 5) & 1) << 12) | (reg(rd) << 7) | ((imm6 & 0x1F) << 2) | q)


def c_nop(): return _c_ci(0, 0, 0)


def c_addi(rd, imm):
    assert _fits(imm, 6)
    return _c_ci(0, rd, imm & 0x3F)


def c_addiw(rd, imm):
    assert _fits(imm, 6)
    return _c_ci(1, rd, imm & 0x3F)


def c_li(rd, imm):
    assert _fits(imm, 6)
    return _c_ci(2, rd, imm & 0x3F)


def c_addi16sp(imm):
    assert _fits(imm, 10) and imm % 16 == 0 and imm != 0
    return Half((3 << 13) | _cfield(imm & 0x3FF, CMAP_ADDI16SP) | (2 << 7) | 1)


def c_lui(rd, imm6):
    """c.lui rd, nzimm: rd = sext(imm6) << 12 (imm6 is the 6-bit field, -32..31)."""
    assert _fits(imm6, 6)
    return _c_ci(3, rd, imm6 & 0x3F)


def _c_cb_alu(f2, rd, imm6):
    return Half((4 << 13) | (((imm6 >> 5) & 1) << 12) | (f2 << 10) | (creg(rd) << 7) | ((imm6 & 0x1F) << 2) | 1)


def c_srli(rd, sh): return _c_cb_alu(0, rd, sh & 0x3F)
def c_srai(rd, sh): return _c_cb_alu(1, rd, sh & 0x3F)


def c_andi(rd, imm):
    assert _fits(imm, 6)
    return _c_cb_alu(2, rd, imm & 0x3F)


def _c_ca(bit12, sub, rd, rs2):
    return Half((4 << 13) | (bit12 << 12) | (3 << 10) | (creg(rd) << 7) | (sub << 5) | (creg(rs2) << 2) | 1)


def c_sub(rd, rs2): return _c_ca(0, 0, rd, rs2)
def c_xor(rd, rs2): return _c_ca(0, 1, rd, rs2)
def c_or(rd, rs2): return _c_ca(0, 2, rd, rs2)
def c_and(rd, rs2): return _c_ca(0, 3, rd, rs2)
def c_subw(rd, rs2): return _c_ca(1, 0, rd, rs2)
def c_addw(rd, rs2): return _c_ca(1, 1, rd, rs2)


def c_j(off):
    assert _fits(off, 12) and off % 2 == 0
    return Half((5 << 13) | _cfield(off & 0xFFF, CMAP_J) | 1)


def _c_branch(f3, rs1, off):
    assert _fits(off, 9) and off % 2 == 0
    return Half((f3 << 13) | _cfield(off & 0x1FF, CMAP_B) | (creg(rs1) << 7) | 1)


def c_beqz(rs1, off): return _c_branch(6, rs1, off)
def c_bnez(rs1, off): return _c_branch(7, rs1, off)


def c_slli(rd, sh): return _c_ci(0, rd, sh & 0x3F, q=2)


def c_lwsp(rd, uimm):
    assert 0 <= uimm < 256 and uimm % 4 == 0
    return Half((2 << 13) | _cfield(uimm, CMAP_LWSP) | (reg(rd) << 7) | 2)


def c_ldsp(rd, uimm):
    assert 0 <= uimm < 512 and uimm % 8 == 0
    return Half((3 << 13) | _cfield(uimm, CMAP_LDSP) | (reg(rd) << 7) | 2)


def c_swsp(rs2, uimm):
    assert 0 <= uimm < 256 and uimm % 4 == 0
    return Half((6 << 13) | _cfield(uimm, CMAP_SWSP) | (reg(rs2) << 2) | 2)


def c_sdsp(rs2, uimm):
    assert 0 <= uimm < 512 and uimm % 8 == 0
    return Half((7 << 13) | _cfield(uimm, CMAP_SDSP) | (reg(rs2) << 2) | 2)


def c_jr(rs1): return Half((4 << 13) | (0 << 12) | (reg(rs1) << 7) | 2)
def c_mv(rd, rs2): return Half((4 << 13) | (0 << 12) | (reg(rd) << 7) | (reg(rs2) << 2) | 2)
def c_ebreak(): return Half((4 << 13) | (1 << 12) | 2)
def c_jalr(rs1): return Half((4 << 13) | (1 << 12) | (reg(rs1) << 7) | 2)
def c_add(rd, rs2): return Half((4 << 13) | (1 << 12) | (reg(rd) << 7) | (reg(rs2) << 2) | 2)


# Encoders whose last argument is a pc-relative offset (a label name in Asm).
PC_RELATIVE = {"jal", "j", "beq", "bne", "blt", "bge", "bltu", "bgeu", "beqz", "bnez",
               "c_j", "c_beqz", "c_bnez"}


class Asm:
    """Lays out instructions and data from base; labels resolve pc-relative targets."""

    def __init__(self, base=RAM_BASE):
        self.base = base
        self.items = []          # (offset, size, int or callable(pc) -> int)
        self.size = 0
        self.labels = {}

    @property
    def pc(self):
        return self.base + self.size

    def label(self, name):
        assert name not in self.labels, name
        self.labels[name] = self.pc
        return self

    def addr(self, name):
        return self.labels[name]

    def _put(self, size, value):
        self.items.append((self.size, size, value))
        self.size += size
        return self

    def emit(self, item):
        """Append an instruction word, a Half, or a list of them."""
        if isinstance(item, (list, tuple)):
            for x in item:
                self.emit(x)
            return self
        return self._put(2 if isinstance(item, Half) else 4, item)

    def word(self, w): return self._put(4, w & 0xFFFFFFFF)
    def half(self, h): return self._put(2, h & 0xFFFF)
    def dword(self, v): return self._put(8, v & MASK64)
    def byte(self, v): return self._put(1, v & 0xFF)

    def org(self, addr):
        """Continue at absolute address addr (>= pc), padding with zero bytes."""
        assert addr >= self.pc, (hex(addr), hex(self.pc))
        self.size = addr - self.base
        return self

    def align(self, n):
        return self.org((self.pc + n - 1) // n * n)

    def __getattr__(self, name):
        enc = ENCODERS.get(name)
        if enc is None:
            raise AttributeError(name)

        def emit(*args, **kw):
            if name in PC_RELATIVE and isinstance(args[-1], str):
                target, head = args[-1], args[:-1]
                size = 2 if name.startswith("c_") else 4
                return self._put(size, lambda pc: enc(*head, self.labels[target] - pc))
            return self.emit(enc(*args, **kw))
        return emit

    def assemble(self):
        out = bytearray(self.size)
        for off, size, value in self.items:
            if callable(value):
                value = value(self.base + off)
            out[off:off + size] = (value & ((1 << (8 * size)) - 1)).to_bytes(size, "little")
        return bytes(out)


ENCODERS = {name: obj for name, obj in list(globals().items())
            if callable(obj) and not name.startswith("_") and name[0].islower()
            and name not in ("reg", "creg", "csrnum", "sext", "enc_r", "enc_i", "enc_s", "enc_b",
                             "enc_u", "enc_j")}


CODE = RAM_BASE                  # where Machine.exec places instructions
M_HANDLER = RAM_BASE + 0x1_0000  # default trap handlers: `j .` (park until the budget ends)
S_HANDLER = RAM_BASE + 0x1_1000
DATA = RAM_BASE + 0x2_0000       # a scratch data area


class Machine:
    """A Bus with RAM at RAM_BASE and a Hart with unit costs (every CPI and event = 1 cycle,
    one cycle per mtime tick). The hart starts in M-mode at RAM_BASE."""

    def __init__(self, ram_size=RAM_SIZE, tlb_entries=64, tlb_ways=4, costs=None):
        self.bus = Bus(RAM_BASE, ram_size)
        self.hart = Hart(self.bus, tlb_entries, tlb_ways)
        cpi, events, cpt = costs or (UNIT_CPI, UNIT_EVENTS, 1)
        self.hart.set_costs(cpi, events, cpt)
        # PMP entry 0 grants everything (as OpenSBI sets up), so S/U code may run whether or
        # not the hart enforces PMP
        self.set_csr(PMPADDR0, (1 << 54) - 1)
        self.set_csr(PMPCFG0, 0x1F)

    def load(self, program, addr=None):
        """Write an Asm (at its base) or bytes (at addr) into RAM."""
        if isinstance(program, Asm):
            self.bus.write_bytes(program.base if addr is None else addr, program.assemble())
        else:
            self.bus.write_bytes(addr, bytes(program))
        return self

    def start(self, pc=RAM_BASE, priv=PRV_M):
        self.hart.pc = pc
        self.hart.priv = priv
        return self

    def run(self, n):
        return self.hart.run(n)

    def park_handlers(self):
        """mtvec = M_HANDLER, stvec = S_HANDLER, each holding `j .`."""
        self.bus.write_u32(M_HANDLER, j(0))
        self.bus.write_u32(S_HANDLER, j(0))
        self.set_csr(MTVEC, M_HANDLER)
        self.set_csr(STVEC, S_HANDLER)
        return self

    def exec(self, insns, n=None, pc=CODE, priv=None, **regs):
        """Place insns (an instruction, a list, or an Asm) at pc, set registers, run n
        instructions (default: as many as given) and return run()'s exit code."""
        if isinstance(insns, Asm):
            prog = insns
        else:
            prog = Asm(pc)
            prog.emit(insns if isinstance(insns, (list, tuple)) else [insns])
        self.load(prog)
        self.set_regs(**regs)
        self.hart.pc = prog.base
        if priv is not None:
            self.hart.priv = priv
        count = n if n is not None else sum(1 for _, _, v in prog.items)
        return self.hart.run(count)

    def trap(self):
        """(mcause, mepc, mtval)."""
        return self.csr(MCAUSE), self.csr(MEPC), self.csr(MTVAL)

    def strap(self):
        """(scause, sepc, stval)."""
        return self.csr(SCAUSE), self.csr(SEPC), self.csr(STVAL)

    def x(self, r):
        return self.hart.get_reg(reg(r))

    def csr(self, c):
        return self.hart.read_csr(csrnum(c))

    def set_csr(self, c, v):
        self.hart.write_csr(csrnum(c), v & MASK64)

    def set_regs(self, **values):
        for name, v in values.items():
            self.hart.set_reg(reg(name), v & MASK64)

    def u64(self, pa):
        return self.bus.read_u64(pa)


def run_program(program, n, setup=None, ram_size=RAM_SIZE, **machine_kw):
    """Build a Machine, load program (an Asm, or a list of instructions placed at RAM_BASE),
    call setup(machine) if given, run n instructions from the program's base in M-mode and
    return the hart (run_machine returns the Machine and run()'s exit code)."""
    return run_machine(program, n, setup, ram_size, **machine_kw).hart


def run_machine(program, n, setup=None, ram_size=RAM_SIZE, **machine_kw):
    """Like run_program but return the Machine; machine.code is run()'s exit code."""
    m = Machine(ram_size, **machine_kw)
    if not isinstance(program, Asm):
        words, program = program, Asm()
        program.emit(list(words))
    m.load(program).start(program.base)
    if setup is not None:
        setup(m)
    m.code = m.run(n)
    return m
