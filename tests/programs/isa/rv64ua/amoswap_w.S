/*
 * rv64ua/amoswap_w.S
 *
 * amoswap.w: atomically swaps memory with rs2, on a 32-bit word. rd
 * receives the old word sign-extended; only rs2[31:0] takes part. Only the
 * addressed word of memory changes.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_AMO_W(2, amoswap.w, 0x01234567, 0x89abcdef, 0x01234567, 0x89abcdef5a5a5a5a)
        TEST_AMO_W(3, amoswap.w, 0x89abcdef, 0x01234567, 0xffffffff89abcdef, 0x012345675a5a5a5a)
        TEST_AMO_W(4, amoswap.w, 0x80000000, 0x1, 0xffffffff80000000, 0x000000015a5a5a5a)
        TEST_AMO_W(5, amoswap.w, 0x7fffffff, 0x1, 0x7fffffff, 0x000000015a5a5a5a)
        TEST_AMO_W(6, amoswap.w, 0xffffffff, 0x1, 0xffffffffffffffff, 0x000000015a5a5a5a)
        TEST_AMO_W(7, amoswap.w, 0x1, 0xffffffff, 0x1, 0xffffffff5a5a5a5a)
        TEST_AMO_W(8, amoswap.w, 0x0, 0xffffffff, 0x0, 0xffffffff5a5a5a5a)
        TEST_AMO_W(9, amoswap.w, 0xffffffff, 0x0, 0xffffffffffffffff, 0x5a5a5a5a)
        TEST_AMO_W(10, amoswap.w, 0x5, 0x5, 0x5, 0x000000055a5a5a5a)
        TEST_AMO_W(11, amoswap.w, 0x80000000, 0x7fffffff, 0xffffffff80000000, 0x7fffffff5a5a5a5a)
        TEST_AMO_W(12, amoswap.w, 0x7fffffff, 0x80000000, 0x7fffffff, 0x800000005a5a5a5a)
        TEST_AMO_W(13, amoswap.w, 0x12345678, 0xffffffff00000001, 0x12345678, 0x000000015a5a5a5a)
        TEST_AMO_W(14, amoswap.w, 0x1, 0x7fffffff80000000, 0x1, 0x800000005a5a5a5a)

        # The aq / rl / aqrl forms compute the same thing.
        TEST_AMO_W(15, amoswap.w.aq, 0x1111, 0x2222, 0x1111, 0x000022225a5a5a5a)
        TEST_AMO_W(16, amoswap.w.rl, 0x1111, 0x2222, 0x1111, 0x000022225a5a5a5a)
        TEST_AMO_W(17, amoswap.w.aqrl, 0x1111, 0x2222, 0x1111, 0x000022225a5a5a5a)

        # rd == rs2: rs2 is read before rd is written.
        TEST_CASE(18, a2, 0x3000, la a3, amo_dat; li a1, 0x3000; sw a1, 0(a3); li a2, 0xff0; amoswap.w a2, a2, (a3))
        li t6, 0xff0; lw a5, 0(a3); bne a5, t6, fail

        # rd == x0: memory is still updated.
        TEST_CASE(19, a5, 0xff0, la a3, amo_dat; li a1, 0x3000; sw a1, 0(a3); li a2, 0xff0; amoswap.w x0, a2, (a3); lw a5, 0(a3))

TEST_PASSFAIL

TEST_DATA_BEGIN
        .align 3
amo_dat:
        .dword 0, 0
TEST_DATA_END
