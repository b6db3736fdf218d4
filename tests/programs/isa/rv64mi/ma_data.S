/*
 * rv64mi/ma_data.S
 *
 * Misaligned loads and stores.  The ISA lets an implementation either
 * perform them (pyvirt does, in hardware) or raise an address-misaligned
 * exception (QEMU does: cause 4 for loads, 6 for stores, mtval = the
 * address).  Both are accepted; what is checked is that each outcome is
 * right: a performed load returns the little-endian value (sign- or
 * zero-extended), a performed store writes exactly its bytes; a trap has
 * the right cause and mtval and leaves the destination register alone.
 */
#include "test_macros.h"

/* Case n: `inst` a4, offset(base).  If it does not trap, a4 must be
 * `result`; if it traps, cause 4, mtval = the address, a4 unchanged. */
#define TEST_MA_LOAD(n, inst, result, offset) \
test_ ## n: \
        li TESTNUM, n; \
        la a1, mdat; li a4, 0x5a5a; \
        EXPECT_TRAP(CAUSE_MISALIGNED_LOAD, test_ ## n ## _trapped); \
        inst a4, offset(a1); \
        CANCEL_TRAP; \
        li t6, result; bne a4, t6, fail; \
        j test_ ## n ## _done; \
test_ ## n ## _trapped: \
        li t6, 0x5a5a; bne a4, t6, fail; \
        la t2, mdat + offset; MTRAP_FIELD(t0, TI_TVAL); bne t0, t2, fail; \
test_ ## n ## _done:

/* Case n: `inst` of `value` to offset(sbuf).  If it does not trap, the two
 * doublewords of sbuf must then be dw0/dw1 (they start as all ones); if
 * it traps, cause 6 and mtval = the address. */
#define TEST_MA_STORE(n, inst, value, offset, dw0, dw1) \
test_ ## n: \
        li TESTNUM, n; \
        la a1, sbuf; li t0, -1; sd t0, 0(a1); sd t0, 8(a1); li a2, value; \
        EXPECT_TRAP(CAUSE_MISALIGNED_STORE, test_ ## n ## _trapped); \
        inst a2, offset(a1); \
        CANCEL_TRAP; \
        ld a4, 0(a1); li t6, dw0; bne a4, t6, fail; \
        ld a4, 8(a1); li t6, dw1; bne a4, t6, fail; \
        j test_ ## n ## _done; \
test_ ## n ## _trapped: \
        la t2, sbuf + offset; MTRAP_FIELD(t0, TI_TVAL); bne t0, t2, fail; \
test_ ## n ## _done:

TEST_CODE_BEGIN

        TEST_MA_LOAD(2,  lh,  0xffffffffffff8201, 1)
        TEST_MA_LOAD(3,  lhu, 0x0000000000008201, 1)
        TEST_MA_LOAD(4,  lw,  0xffffffff84838201, 1)
        TEST_MA_LOAD(5,  lw,  0xffffffff86858483, 3)
        TEST_MA_LOAD(6,  lwu, 0x0000000088878685, 5)
        TEST_MA_LOAD(7,  ld,  0x8887868584838201, 1)
        TEST_MA_LOAD(8,  ld,  0x0a09888786858483, 3)
        TEST_MA_LOAD(9,  ld,  0x100f0e0d0c0b0a09, 9)    # across 8-byte words

        TEST_MA_STORE(10, sh, 0x1122, 1, 0xffffffffff1122ff, 0xffffffffffffffff)
        TEST_MA_STORE(11, sw, 0x11223344, 3, 0xff11223344ffffff, 0xffffffffffffffff)
        TEST_MA_STORE(12, sw, 0x11223344, 6, 0x3344ffffffffffff, 0xffffffffffff1122)
        TEST_MA_STORE(13, sd, 0x1122334455667788, 5, 0x667788ffffffffff, 0xffffff1122334455)

        # Aligned accesses are never affected.
        TEST_CASE(14, a4, 0x0f0e0d0c0b0a0988, la a1, mdat; ld a4, 8(a1))

TEST_PASSFAIL

TEST_DATA_BEGIN
        .align 4
mdat:   .byte 0x00, 0x01, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87
        .byte 0x88, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f
        .byte 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17
        .align 4
sbuf:   .dword 0, 0
TEST_DATA_END
