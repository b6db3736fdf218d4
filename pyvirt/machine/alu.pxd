# The M extension's multiply and divide (unprivileged spec 20191213, chapter 7), including the
# division-by-zero and overflow results, and sign extension of 32-bit results.
from libc.stdint cimport int8_t, int16_t, uint32_t, int32_t, uint64_t, int64_t

cdef extern from *:
    """
    static inline uint64_t pyvirt_mulh(int64_t a, int64_t b) { return (uint64_t)(((__int128)a * (__int128)b) >> 64); }
    static inline uint64_t pyvirt_mulhu(uint64_t a, uint64_t b) { return (uint64_t)(((unsigned __int128)a * b) >> 64); }
    static inline uint64_t pyvirt_mulhsu(int64_t a, uint64_t b) { return (uint64_t)(((__int128)a * (__int128)(unsigned __int128)b) >> 64); }
    /* C division truncates toward zero, as RISC-V does; callers exclude b == 0 and overflow */
    static inline int64_t pyvirt_sdiv(int64_t a, int64_t b) { return a / b; }
    static inline int64_t pyvirt_srem(int64_t a, int64_t b) { return a % b; }
    static inline uint64_t pyvirt_udiv(uint64_t a, uint64_t b) { return a / b; }
    static inline uint64_t pyvirt_urem(uint64_t a, uint64_t b) { return a % b; }
    """
    uint64_t mulh "pyvirt_mulh"(int64_t a, int64_t b) noexcept nogil
    uint64_t mulhu "pyvirt_mulhu"(uint64_t a, uint64_t b) noexcept nogil
    uint64_t mulhsu "pyvirt_mulhsu"(int64_t a, uint64_t b) noexcept nogil
    int64_t sdiv "pyvirt_sdiv"(int64_t a, int64_t b) noexcept nogil
    int64_t srem "pyvirt_srem"(int64_t a, int64_t b) noexcept nogil
    uint64_t udiv "pyvirt_udiv"(uint64_t a, uint64_t b) noexcept nogil
    uint64_t urem "pyvirt_urem"(uint64_t a, uint64_t b) noexcept nogil

cdef inline uint64_t sext32(uint64_t v) noexcept nogil:
    return <uint64_t><int64_t><int32_t><uint32_t>v

cdef inline uint64_t _div(uint64_t a, uint64_t b) noexcept nogil:
    if b == 0:
        return <uint64_t>-1
    if <int64_t>b == -1:
        return <uint64_t>(0 - a)          # also the overflow case: MIN / -1 = MIN
    return <uint64_t>sdiv(<int64_t>a, <int64_t>b)

cdef inline uint64_t _rem(uint64_t a, uint64_t b) noexcept nogil:
    if b == 0:
        return a
    if <int64_t>b == -1:
        return 0
    return <uint64_t>srem(<int64_t>a, <int64_t>b)

cdef inline uint64_t _divw(uint64_t a, uint64_t b) noexcept nogil:
    cdef int32_t x = <int32_t><uint32_t>a, y = <int32_t><uint32_t>b
    if y == 0:
        return <uint64_t>-1
    if y == -1:
        return sext32(<uint32_t>(0 - <uint32_t>x))
    return <uint64_t>sdiv(x, y)

cdef inline uint64_t _remw(uint64_t a, uint64_t b) noexcept nogil:
    cdef int32_t x = <int32_t><uint32_t>a, y = <int32_t><uint32_t>b
    if y == 0:
        return <uint64_t><int64_t>x
    if y == -1:
        return 0
    return <uint64_t>srem(x, y)

# The M extension (funct7 = 1) on 64-bit operands.
cdef inline uint64_t muldiv(uint32_t f3, uint64_t a, uint64_t b) noexcept nogil:
    if f3 == 0: return a * b
    if f3 == 1: return mulh(<int64_t>a, <int64_t>b)
    if f3 == 2: return mulhsu(<int64_t>a, b)
    if f3 == 3: return mulhu(a, b)
    if f3 == 4: return _div(a, b)
    if f3 == 5: return udiv(a, b) if b != 0 else <uint64_t>-1
    if f3 == 6: return _rem(a, b)
    return urem(a, b) if b != 0 else a

# The M extension W forms (funct7 = 1, OP-32); f3 is one of 0, 4, 5, 6, 7 (checked by the caller).
cdef inline uint64_t muldivw(uint32_t f3, uint64_t a, uint64_t b) noexcept nogil:
    cdef uint32_t x = <uint32_t>a, y = <uint32_t>b
    if f3 == 0: return sext32(x * y)
    if f3 == 4: return _divw(a, b)
    if f3 == 5: return sext32(udiv(x, y) if y != 0 else 0xFFFFFFFF)
    if f3 == 6: return _remw(a, b)
    return sext32(urem(x, y) if y != 0 else x)


# Sign- or zero-extend a loaded value of funct3 f3's width (lb, lh, lw sign-extend).
cdef inline uint64_t extend_load(uint64_t v, uint32_t f3) noexcept nogil:
    if f3 == 0: return <uint64_t><int64_t><int8_t>v
    if f3 == 1: return <uint64_t><int64_t><int16_t>v
    if f3 == 2: return sext32(v)
    return v


# The value an AMO stores, given the old memory value (sign-extended for .w) and rs2.
cdef inline uint64_t amo_compute(uint32_t f5, int size, uint64_t old, uint64_t src) noexcept nogil:
    if size == 4:
        src = sext32(src)
    if f5 == 0: return old + src
    if f5 == 1: return src
    if f5 == 4: return old ^ src
    if f5 == 8: return old | src
    if f5 == 0xC: return old & src
    if f5 == 0x10: return old if <int64_t>old < <int64_t>src else src
    if f5 == 0x14: return old if <int64_t>old > <int64_t>src else src
    if f5 == 0x18: return old if old < src else src      # sign-extension preserves unsigned order
    return old if old > src else src
