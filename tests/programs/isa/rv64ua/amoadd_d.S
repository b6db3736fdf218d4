/*
 * rv64ua/amoadd_d.S
 *
 * amoadd.d: atomically adds rs2 to memory; rd receives the old doubleword.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_AMO_D(2, amoadd.d, 0x0123456789abcdef, 0xfedcba9876543210, 0xffffffffffffffff)
        TEST_AMO_D(3, amoadd.d, 0xfedcba9876543210, 0x0123456789abcdef, 0xffffffffffffffff)
        TEST_AMO_D(4, amoadd.d, 0x8000000000000000, 0x1, 0x8000000000000001)
        TEST_AMO_D(5, amoadd.d, 0x7fffffffffffffff, 0x1, 0x8000000000000000)
        TEST_AMO_D(6, amoadd.d, 0xffffffffffffffff, 0x1, 0x0)
        TEST_AMO_D(7, amoadd.d, 0x1, 0xffffffffffffffff, 0x0)
        TEST_AMO_D(8, amoadd.d, 0x0, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_AMO_D(9, amoadd.d, 0xffffffffffffffff, 0x0, 0xffffffffffffffff)
        TEST_AMO_D(10, amoadd.d, 0x5, 0x5, 0xa)
        TEST_AMO_D(11, amoadd.d, 0x8000000000000000, 0x7fffffffffffffff, 0xffffffffffffffff)
        TEST_AMO_D(12, amoadd.d, 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff)
        TEST_AMO_D(13, amoadd.d, 0xffffffff, 0x0000000100000000, 0x00000001ffffffff)
        TEST_AMO_D(14, amoadd.d, 0x0, 0x0, 0x0)

        # The aq / rl / aqrl forms compute the same thing.
        TEST_AMO_D(15, amoadd.d.aq, 0x1111, 0x2222, 0x3333)
        TEST_AMO_D(16, amoadd.d.rl, 0x1111, 0x2222, 0x3333)
        TEST_AMO_D(17, amoadd.d.aqrl, 0x1111, 0x2222, 0x3333)

        # rd == rs2: rs2 is read before rd is written.
        TEST_CASE(18, a2, 0x3000, la a3, amo_dat; li a1, 0x3000; sd a1, 0(a3); li a2, 0xff0; amoadd.d a2, a2, (a3))
        li t6, 0x3ff0; ld a5, 0(a3); bne a5, t6, fail

        # rd == x0: memory is still updated.
        TEST_CASE(19, a5, 0x3ff0, la a3, amo_dat; li a1, 0x3000; sd a1, 0(a3); li a2, 0xff0; amoadd.d x0, a2, (a3); ld a5, 0(a3))

TEST_PASSFAIL

TEST_DATA_BEGIN
        .align 3
amo_dat:
        .dword 0, 0
TEST_DATA_END
