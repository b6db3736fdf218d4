# RVC: expansion of 16-bit compressed instructions into their 32-bit equivalents
# (unprivileged spec 20191213, chapter 16, RV64C without the floating-point forms).
from libc.stdint cimport uint32_t, int32_t

cdef inline uint32_t _bits(uint32_t c, int hi, int lo) noexcept nogil:
    return (c >> lo) & ((1u << (hi - lo + 1)) - 1)

cdef inline uint32_t _enc_i(int32_t imm, uint32_t rs1, uint32_t f3, uint32_t rd, uint32_t op) noexcept nogil:
    return ((<uint32_t>imm & 0xFFF) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op

cdef inline uint32_t _enc_s(int32_t imm, uint32_t rs2, uint32_t rs1, uint32_t f3, uint32_t op) noexcept nogil:
    cdef uint32_t u = <uint32_t>imm
    return (((u >> 5) & 0x7F) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((u & 0x1F) << 7) | op

cdef inline uint32_t _enc_r(uint32_t f7, uint32_t rs2, uint32_t rs1, uint32_t f3, uint32_t rd, uint32_t op) noexcept nogil:
    return (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op

cdef inline uint32_t _enc_b(int32_t imm, uint32_t rs2, uint32_t rs1, uint32_t f3) noexcept nogil:
    cdef uint32_t u = <uint32_t>imm
    return (((u >> 12) & 1) << 31) | (((u >> 5) & 0x3F) << 25) | (rs2 << 20) | (rs1 << 15) | \
           (f3 << 12) | (((u >> 1) & 0xF) << 8) | (((u >> 11) & 1) << 7) | 0x63

cdef inline uint32_t _enc_j(int32_t imm, uint32_t rd) noexcept nogil:
    cdef uint32_t u = <uint32_t>imm
    return (((u >> 20) & 1) << 31) | (((u >> 1) & 0x3FF) << 21) | (((u >> 11) & 1) << 20) | \
           (((u >> 12) & 0xFF) << 12) | (rd << 7) | 0x6F

cdef inline int32_t _sext(uint32_t v, int bits) noexcept nogil:
    return <int32_t>(v << (32 - bits)) >> (32 - bits)

# Return the 32-bit instruction that compressed instruction c stands for, or 0 if c is
# illegal or reserved in RV64C (0 is itself an illegal 32-bit encoding).
cdef inline uint32_t rvc_expand(uint32_t c) noexcept nogil:
    cdef uint32_t q = c & 3
    cdef uint32_t f3 = c >> 13
    cdef uint32_t rd = _bits(c, 11, 7)
    cdef uint32_t rs2 = _bits(c, 6, 2)
    cdef uint32_t rdp = _bits(c, 4, 2) + 8
    cdef uint32_t rs1p = _bits(c, 9, 7) + 8
    cdef int32_t imm
    if q == 0:
        if f3 == 0:     # c.addi4spn
            imm = (_bits(c, 12, 11) << 4) | (_bits(c, 10, 7) << 6) | (_bits(c, 6, 6) << 2) | (_bits(c, 5, 5) << 3)
            return _enc_i(imm, 2, 0, rdp, 0x13) if imm != 0 else 0
        if f3 == 2 or f3 == 6:   # c.lw / c.sw
            imm = (_bits(c, 12, 10) << 3) | (_bits(c, 6, 6) << 2) | (_bits(c, 5, 5) << 6)
            return _enc_i(imm, rs1p, 2, rdp, 0x03) if f3 == 2 else _enc_s(imm, rdp, rs1p, 2, 0x23)
        if f3 == 3 or f3 == 7:   # c.ld / c.sd
            imm = (_bits(c, 12, 10) << 3) | (_bits(c, 6, 5) << 6)
            return _enc_i(imm, rs1p, 3, rdp, 0x03) if f3 == 3 else _enc_s(imm, rdp, rs1p, 3, 0x23)
        return 0
    if q == 1:
        imm = _sext((_bits(c, 12, 12) << 5) | rs2, 6)
        if f3 == 0:     # c.addi (c.nop when rd = 0)
            return _enc_i(imm, rd, 0, rd, 0x13)
        if f3 == 1:     # c.addiw
            return _enc_i(imm, rd, 0, rd, 0x1B) if rd != 0 else 0
        if f3 == 2:     # c.li
            return _enc_i(imm, 0, 0, rd, 0x13)
        if f3 == 3:
            if rd == 2:  # c.addi16sp
                imm = _sext((_bits(c, 12, 12) << 9) | (_bits(c, 6, 6) << 4) | (_bits(c, 5, 5) << 6) |
                            (_bits(c, 4, 3) << 7) | (_bits(c, 2, 2) << 5), 10)
                return _enc_i(imm, 2, 0, 2, 0x13) if imm != 0 else 0
            if imm == 0:  # c.lui with nzimm = 0 is reserved
                return 0
            return ((<uint32_t>imm & 0xFFFFF) << 12) | (rd << 7) | 0x37
        if f3 == 4:
            return _rvc_alu(c, rs1p, rdp, imm)
        if f3 == 5:     # c.j
            imm = _sext((_bits(c, 12, 12) << 11) | (_bits(c, 11, 11) << 4) | (_bits(c, 10, 9) << 8) |
                        (_bits(c, 8, 8) << 10) | (_bits(c, 7, 7) << 6) | (_bits(c, 6, 6) << 7) |
                        (_bits(c, 5, 3) << 1) | (_bits(c, 2, 2) << 5), 12)
            return _enc_j(imm, 0)
        # c.beqz / c.bnez
        imm = _sext((_bits(c, 12, 12) << 8) | (_bits(c, 11, 10) << 3) | (_bits(c, 6, 5) << 6) |
                    (_bits(c, 4, 3) << 1) | (_bits(c, 2, 2) << 5), 9)
        return _enc_b(imm, 0, rs1p, 0 if f3 == 6 else 1)
    if q == 2:
        if f3 == 0:     # c.slli
            return _enc_i((_bits(c, 12, 12) << 5) | rs2, rd, 1, rd, 0x13)
        if f3 == 2:     # c.lwsp
            imm = (_bits(c, 12, 12) << 5) | (_bits(c, 6, 4) << 2) | (_bits(c, 3, 2) << 6)
            return _enc_i(imm, 2, 2, rd, 0x03) if rd != 0 else 0
        if f3 == 3:     # c.ldsp
            imm = (_bits(c, 12, 12) << 5) | (_bits(c, 6, 5) << 3) | (_bits(c, 4, 2) << 6)
            return _enc_i(imm, 2, 3, rd, 0x03) if rd != 0 else 0
        if f3 == 4:
            return _rvc_jr_mv_add(c, rd, rs2)
        if f3 == 6:     # c.swsp
            imm = (_bits(c, 12, 9) << 2) | (_bits(c, 8, 7) << 6)
            return _enc_s(imm, rs2, 2, 2, 0x23)
        if f3 == 7:     # c.sdsp
            imm = (_bits(c, 12, 10) << 3) | (_bits(c, 9, 7) << 6)
            return _enc_s(imm, rs2, 2, 3, 0x23)
    return 0

# Quadrant 1, funct3 = 100: c.srli, c.srai, c.andi and the register-register group.
cdef inline uint32_t _rvc_alu(uint32_t c, uint32_t rs1p, uint32_t rs2p, int32_t imm) noexcept nogil:
    cdef uint32_t f2 = _bits(c, 11, 10)
    cdef uint32_t shamt = (_bits(c, 12, 12) << 5) | _bits(c, 6, 2)
    cdef uint32_t sub = _bits(c, 6, 5)
    if f2 == 0:
        return _enc_i(shamt, rs1p, 5, rs1p, 0x13)
    if f2 == 1:
        return _enc_i(shamt | 0x400, rs1p, 5, rs1p, 0x13)
    if f2 == 2:
        return _enc_i(imm, rs1p, 7, rs1p, 0x13)
    if _bits(c, 12, 12) == 0:
        if sub == 0:
            return _enc_r(0x20, rs2p, rs1p, 0, rs1p, 0x33)   # c.sub
        if sub == 1:
            return _enc_r(0, rs2p, rs1p, 4, rs1p, 0x33)      # c.xor
        if sub == 2:
            return _enc_r(0, rs2p, rs1p, 6, rs1p, 0x33)      # c.or
        return _enc_r(0, rs2p, rs1p, 7, rs1p, 0x33)          # c.and
    if sub == 0:
        return _enc_r(0x20, rs2p, rs1p, 0, rs1p, 0x3B)       # c.subw
    if sub == 1:
        return _enc_r(0, rs2p, rs1p, 0, rs1p, 0x3B)          # c.addw
    return 0

# Quadrant 2, funct3 = 100: c.jr, c.mv, c.ebreak, c.jalr, c.add.
cdef inline uint32_t _rvc_jr_mv_add(uint32_t c, uint32_t rd, uint32_t rs2) noexcept nogil:
    if _bits(c, 12, 12) == 0:
        if rs2 == 0:
            return _enc_i(0, rd, 0, 0, 0x67) if rd != 0 else 0
        return _enc_r(0, rs2, 0, 0, rd, 0x33)
    if rs2 == 0:
        if rd == 0:
            return 0x00100073                                 # ebreak
        return _enc_i(0, rd, 0, 1, 0x67)
    return _enc_r(0, rs2, rd, 0, rd, 0x33)
