/*
 * rv64uc/rvc_alu.S
 *
 * Compressed integer instructions and their immediates: c.li, c.lui,
 * c.addi, c.addiw, c.addi16sp, c.addi4spn, c.slli, c.srli, c.srai, c.andi,
 * c.mv, c.add, c.sub, c.xor, c.or, c.and, c.subw, c.addw, c.nop.
 * Each must behave exactly like the 32-bit instruction it expands to,
 * including sign extension of the 6-bit immediates, the scaled immediates
 * of c.addi16sp/c.addi4spn and the 32-bit wrap of c.addiw/c.addw/c.subw.
 * The 3-bit register fields (rd'/rs1'/rs2') only name x8..x15: a1, a2 and
 * a4 are among them.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        # c.li: 6-bit signed immediate.
        TEST_CASE(2, a4, 31, c.li a4, 31)
        TEST_CASE(3, a4, 0xffffffffffffffe0, c.li a4, -32)
        TEST_CASE(4, a4, 0, li a4, -1; c.li a4, 0)

        # c.lui: nonzero 6-bit immediate into bits 17..12, sign-extended.
        TEST_CASE(5, a4, 0x1000, c.lui a4, 1)
        TEST_CASE(6, a4, 0x1f000, c.lui a4, 0x1f)
        TEST_CASE(7, a4, 0xfffffffffffe0000, c.lui a4, 0xfffe0)
        TEST_CASE(8, a4, 0xfffffffffffff000, c.lui a4, 0xfffff)

        # c.addi: nonzero 6-bit signed immediate, 64-bit add.
        TEST_CASE(9, a4, 0xffffffffffffffe1, li a4, 1; c.addi a4, -32)
        TEST_CASE(10, a4, 0x000000010000001e, li a4, 0xffffffff; c.addi a4, 31)
        TEST_CASE(11, a4, 0x7fffffffffffffff, li a4, 0x8000000000000000; c.addi a4, -1)

        # c.addiw: 32-bit add, result sign-extended; imm 0 is sext.w.
        TEST_CASE(12, a4, 0xffffffff80000000, li a4, 0x7fffffff; c.addiw a4, 1)
        TEST_CASE(13, a4, 0xffffffffffffffff, li a4, 0x00000000ffffffff; c.addiw a4, 0)
        TEST_CASE(14, a4, 0x000000007fffffe0, li a4, 0x123456787fffffff; c.addiw a4, -31)

        # c.addi16sp: sp += nonzero multiple of 16 in [-512, 496].
        TEST_CASE(15, sp, 0x0000000000001e00, li sp, 0x2000; c.addi16sp sp, -512)
        TEST_CASE(16, sp, 0x00000000000021f0, li sp, 0x2000; c.addi16sp sp, 496)
        TEST_CASE(17, sp, 0x0000000000002010, li sp, 0x2000; c.addi16sp sp, 16)

        # c.addi4spn: rd' = sp + nonzero multiple of 4 in [4, 1020], zero-extended.
        TEST_CASE(18, a4, 0x00000000000023fc, li sp, 0x2000; c.addi4spn a4, sp, 1020)
        TEST_CASE(19, a4, 0x0000000000002004, li sp, 0x2000; c.addi4spn a4, sp, 4)
        TEST_CASE(20, a4, 0x0000000000000210, li sp, 0x10; c.addi4spn a4, sp, 512)

        # Shifts by 6-bit amounts (1..63).
        TEST_CASE(21, a4, 0x8000000000000000, li a4, 1; c.slli a4, 63)
        TEST_CASE(22, a4, 0x02468acf13579bde, li a4, 0x0123456789abcdef; c.slli a4, 1)
        TEST_CASE(23, a4, 0x0000000000000001, li a4, 0x8000000000000000; c.srli a4, 63)
        TEST_CASE(24, a4, 0x0000000001234567, li a4, 0x0123456789abcdef; c.srli a4, 32)
        TEST_CASE(25, a4, 0xffffffffffffffff, li a4, 0x8000000000000000; c.srai a4, 63)
        TEST_CASE(26, a4, 0xfffffffffedcba98, li a4, 0xfedcba9876543210; c.srai a4, 32)
        TEST_CASE(27, a4, 0x0002468acf13579b, li a4, 0x0123456789abcdef; c.srai a4, 7)

        # c.andi: 6-bit signed immediate (negative keeps the upper bits).
        TEST_CASE(28, a4, 0x0123456789abcde0, li a4, 0x0123456789abcdef; c.andi a4, -16)
        TEST_CASE(29, a4, 0x000000000000000f, li a4, 0x0123456789abcdef; c.andi a4, 15)
        TEST_CASE(30, a4, 0, li a4, 0x0123456789abcdef; c.andi a4, 0)

        # Register-register forms.
        TEST_CASE(31, a4, 0x0123456789abcdef, li a1, 0x0123456789abcdef; li a4, 5; c.mv a4, a1)
        TEST_CASE(32, a4, 0x0000000100000000, li a1, 0xffffffff; li a4, 1; c.add a4, a1)
        TEST_CASE(33, a4, 0xffffffffffffffff, li a2, 1; li a4, 0; c.sub a4, a2)
        TEST_CASE(34, a4, 0xf0f0f0f0f0f0f0f0, li a2, 0xffffffffffffffff; li a4, 0x0f0f0f0f0f0f0f0f; c.xor a4, a2)
        TEST_CASE(35, a4, 0xff0fff0fff0fff0f, li a2, 0xff00ff00ff00ff00; li a4, 0x0f0f0f0f0f0f0f0f; c.or a4, a2)
        TEST_CASE(36, a4, 0x0f000f000f000f00, li a2, 0xff00ff00ff00ff00; li a4, 0x0f0f0f0f0f0f0f0f; c.and a4, a2)

        # 32-bit forms wrap and sign-extend, ignoring the upper halves.
        TEST_CASE(37, a4, 0xffffffff80000000, li a2, 1; li a4, 0x123456787fffffff; c.addw a4, a2)
        TEST_CASE(38, a4, 0x000000007fffffff, li a2, 1; li a4, 0xffffffff80000000; c.subw a4, a2)
        TEST_CASE(39, a4, 0xffffffffffffffff, li a2, 0x1234567800000001; li a4, 0; c.subw a4, a2)

        # c.nop changes nothing.
        TEST_CASE(40, a4, 0x77, li a4, 0x77; c.nop; c.nop)

TEST_PASSFAIL
