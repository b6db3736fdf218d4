# Instruction decoding (unprivileged spec 20191213, chapter 24 opcode map): instruction bits
# to a Decoded entry, one kind per operation, so the hart executes with a single dispatch.
from libc.stdint cimport uint32_t, int32_t, int64_t
from pyvirt.machine.state cimport *
from pyvirt.machine.rvc cimport rvc_expand

cdef enum:
    K_ILLEGAL = 0
    K_ADDI
    K_SLTI
    K_SLTIU
    K_XORI
    K_ORI
    K_ANDI
    K_SLLI
    K_SRLI
    K_SRAI
    K_ADD
    K_SUB
    K_SLL
    K_SLT
    K_SLTU
    K_XOR
    K_SRL
    K_SRA
    K_OR
    K_AND
    K_MUL
    K_MULH
    K_MULHSU
    K_MULHU
    K_DIV
    K_DIVU
    K_REM
    K_REMU
    K_ADDIW
    K_SLLIW
    K_SRLIW
    K_SRAIW
    K_ADDW
    K_SUBW
    K_SLLW
    K_SRLW
    K_SRAW
    K_MULW
    K_DIVW
    K_DIVUW
    K_REMW
    K_REMUW
    K_LB
    K_LH
    K_LW
    K_LD
    K_LBU
    K_LHU
    K_LWU
    K_SB
    K_SH
    K_SW
    K_SD
    K_BEQ
    K_BNE
    K_BLT
    K_BGE
    K_BLTU
    K_BGEU
    K_LUI
    K_AUIPC
    K_JAL
    K_JALR
    K_AMO
    K_FENCE
    K_SYSTEM

cdef inline int64_t _imm_i(uint32_t insn) noexcept nogil:
    return (<int32_t>insn) >> 20

cdef inline int64_t _imm_s(uint32_t insn) noexcept nogil:
    return <int32_t>((((<int32_t>insn) >> 20) & ~0x1F) | ((insn >> 7) & 0x1F))

cdef inline int64_t _imm_b(uint32_t insn) noexcept nogil:
    return <int32_t>((((<int32_t>insn) >> 19) & ~0xFFF) | ((insn & 0x80) << 4) |
                     ((insn >> 20) & 0x7E0) | ((insn >> 7) & 0x1E))

cdef inline int64_t _imm_j(uint32_t insn) noexcept nogil:
    return <int32_t>((((<int32_t>insn) >> 11) & ~0xFFFFF) | (insn & 0xFF000) |
                     ((insn >> 9) & 0x800) | ((insn >> 20) & 0x7FE))

# OP-IMM: addi .. srai (RV64 shifts take a 6-bit shamt; bits 31:26 must be 0 or 0x10 for srai).
cdef inline int _op_imm(uint32_t insn, uint32_t f3) noexcept nogil:
    cdef uint32_t top = insn >> 26
    if f3 == 1:
        return K_SLLI if top == 0 else K_ILLEGAL
    if f3 == 5:
        return K_SRLI if top == 0 else (K_SRAI if top == 0x10 else K_ILLEGAL)
    if f3 == 0: return K_ADDI
    if f3 == 2: return K_SLTI
    if f3 == 3: return K_SLTIU
    if f3 == 4: return K_XORI
    if f3 == 6: return K_ORI
    return K_ANDI

cdef inline int _op(uint32_t f7, uint32_t f3) noexcept nogil:
    if f7 == 0:
        return K_ADD + f3 if f3 < 1 else (K_SLL + f3 - 1 if f3 <= 5 else K_OR + f3 - 6)
    if f7 == 1:
        return K_MUL + f3
    if f7 == 0x20 and f3 == 0:
        return K_SUB
    if f7 == 0x20 and f3 == 5:
        return K_SRA
    return K_ILLEGAL

cdef inline int _op_imm32(uint32_t f7, uint32_t f3) noexcept nogil:
    if f3 == 0:
        return K_ADDIW
    if f3 == 1 and f7 == 0:
        return K_SLLIW
    if f3 == 5 and f7 == 0:
        return K_SRLIW
    if f3 == 5 and f7 == 0x20:
        return K_SRAIW
    return K_ILLEGAL

cdef inline int _op32(uint32_t f7, uint32_t f3) noexcept nogil:
    if f7 == 0:
        return K_ADDW if f3 == 0 else (K_SLLW if f3 == 1 else (K_SRLW if f3 == 5 else K_ILLEGAL))
    if f7 == 1:
        return K_MULW if f3 == 0 else (K_DIVW + f3 - 4 if f3 >= 4 else K_ILLEGAL)
    if f7 == 0x20 and f3 == 0:
        return K_SUBW
    if f7 == 0x20 and f3 == 5:
        return K_SRAW
    return K_ILLEGAL

# The cost class of a decoded kind.
cdef inline int _class_of(int kind) noexcept nogil:
    if K_MUL <= kind <= K_MULHU or kind == K_MULW:
        return CLS_MUL
    if K_DIV <= kind <= K_REMU or K_DIVW <= kind <= K_REMUW:
        return CLS_DIV
    if K_LB <= kind <= K_LWU:
        return CLS_LOAD
    if K_SB <= kind <= K_SD:
        return CLS_STORE
    if K_BEQ <= kind <= K_BGEU:
        return CLS_BRANCH
    if kind == K_JAL or kind == K_JALR:
        return CLS_JUMP
    if kind == K_AMO:
        return CLS_AMO
    if kind == K_FENCE:
        return CLS_FENCE
    return CLS_ALU

# The kind and immediate of a 32-bit instruction (K_ILLEGAL if it is not RV64IMA+Zicsr+Zifencei).
cdef inline int _kind(uint32_t insn, int64_t* imm) noexcept nogil:
    cdef uint32_t op = insn & 0x7F, f3 = (insn >> 12) & 7, f7 = insn >> 25
    imm[0] = _imm_i(insn)
    if op == 0x13:
        if f3 == 1 or f3 == 5:
            imm[0] = (insn >> 20) & 0x3F
        return _op_imm(insn, f3)
    if op == 0x33:
        return _op(f7, f3)
    if op == 0x03:
        return K_LB + f3 if f3 < 7 else K_ILLEGAL
    if op == 0x23:
        imm[0] = _imm_s(insn)
        return K_SB + f3 if f3 < 4 else K_ILLEGAL
    if op == 0x63:
        imm[0] = _imm_b(insn)
        return K_BEQ + f3 if f3 < 2 else (K_BLT + f3 - 4 if f3 >= 4 else K_ILLEGAL)
    if op == 0x1B:
        if f3 != 0:
            imm[0] = (insn >> 20) & 0x1F
        return _op_imm32(f7, f3)
    if op == 0x3B:
        return _op32(f7, f3)
    if op == 0x37 or op == 0x17:
        imm[0] = <int32_t>(insn & ~0xFFF)
        return K_LUI if op == 0x37 else K_AUIPC
    if op == 0x6F:
        imm[0] = _imm_j(insn)
        return K_JAL
    if op == 0x67:
        return K_JALR if f3 == 0 else K_ILLEGAL
    if op == 0x2F:
        return K_AMO
    if op == 0x0F:
        return K_FENCE if f3 <= 1 else K_ILLEGAL
    if op == 0x73:
        return K_SYSTEM
    return K_ILLEGAL

# Decode instruction bits raw (compressed when the low two bits are not 11) into d.
cdef inline void decode(uint32_t raw, Decoded* d) noexcept nogil:
    cdef uint32_t insn = raw
    cdef int64_t imm = 0
    d.raw = raw
    d.length = 4
    if (raw & 3) != 3:
        d.length = 2
        insn = rvc_expand(raw)
    d.kind = _kind(insn, &imm) if insn != 0 else K_ILLEGAL
    if d.kind == K_AMO or d.kind == K_SYSTEM:
        imm = insn                  # their handlers decode the full (expanded) instruction
    d.imm = imm
    d.rd = ((insn >> 7) & 31) or 32          # writes to x0 go to the sink x[32]
    d.rs1 = (insn >> 15) & 31
    d.rs2 = (insn >> 20) & 31
    d.cls = CLS_CSR if (d.kind == K_SYSTEM and ((insn >> 12) & 7) != 0) else \
        (CLS_SYSTEM if d.kind == K_SYSTEM else _class_of(d.kind))
