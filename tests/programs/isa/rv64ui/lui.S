/*
 * rv64ui/lui.S
 *
 * lui: rd = imm20 << 12, sign-extended from bit 31 to 64 bits; the low 12
 * bits of rd become zero.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_CASE(2, a4, 0x0, lui a4, 0x0)
        TEST_CASE(3, a4, 0x00001000, lui a4, 0x1)
        TEST_CASE(4, a4, 0x12345000, lui a4, 0x12345)
        TEST_CASE(5, a4, 0x7ffff000, lui a4, 0x7ffff)

        # Bit 31 of the result is copied into bits 63..32.
        TEST_CASE(6, a4, 0xffffffff80000000, lui a4, 0x80000)
        TEST_CASE(7, a4, 0xfffffffffffff000, lui a4, 0xfffff)
        TEST_CASE(8, a4, 0xffffffffabcde000, lui a4, 0xabcde)

        # The sign extension is visible to an arithmetic shift.
        TEST_CASE(9, a4, 0xfffffffffff80000, lui a4, 0x80000; srai a4, a4, 12)

        # The whole register is replaced, including the low 12 bits.
        TEST_CASE(10, a4, 0x00005000, li a4, -1; lui a4, 0x5)

        # x0 as destination stays zero.
        TEST_CASE(11, x0, 0, lui x0, 0x12345)

TEST_PASSFAIL
