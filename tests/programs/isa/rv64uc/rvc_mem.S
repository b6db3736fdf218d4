/*
 * rv64uc/rvc_mem.S
 *
 * Compressed loads and stores: c.lw/c.ld/c.sw/c.sd (base x8..x15, offsets
 * zero-extended and scaled by the access size) and the stack-pointer forms
 * c.lwsp/c.ldsp/c.swsp/c.sdsp (any rd, larger offsets).  Offsets are tried
 * at zero and at their maximum; c.lw/c.lwsp sign-extend the word.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        # c.lw: offset 0..124, word sign-extended.
        TEST_CASE(2, a4, 0xffffffff80000001, la a1, mem; c.lw a4, 0(a1))
        TEST_CASE(3, a4, 0x000000007ffffffe, la a1, mem; c.lw a4, 124(a1))

        # c.ld: offset 0..248.
        TEST_CASE(4, a4, 0x0011223380000001, la a1, mem; c.ld a4, 0(a1))
        TEST_CASE(5, a4, 0xa5a5a5a5a5a5a5a5, la a1, mem; c.ld a4, 248(a1))

        # c.sw / c.sd, read back with full-width loads.
        TEST_CASE(6, a4, 0x0011223387654321, \
                  la a1, mem; li a2, 0xfedcba9887654321; c.sw a2, 0(a1); ld a4, 0(a1))
        TEST_CASE(7, a4, 0x12345678a5a5a5a5, \
                  la a1, mem; li a2, 0x12345678; c.sw a2, 124(a1); ld a4, 120(a1))
        TEST_CASE(8, a4, 0xfedcba9876543210, \
                  la a1, mem; li a2, 0xfedcba9876543210; c.sd a2, 248(a1); ld a4, 248(a1))

        # Stack-pointer forms.  sp points at mem.
        TEST_CASE(9,  a4, 0xffffffff87654321, la sp, mem; c.lwsp a4, 0(sp))
        TEST_CASE(10, a4, 0xfffffffffedcba98, la sp, mem; c.lwsp a4, 252(sp))   /* written by case 8 */
        TEST_CASE(11, a4, 0xa5a5a5a5a5a5a5a5, la sp, mem; c.ldsp a4, 504(sp))
        TEST_CASE(12, a5, 0x0000000055667788, \
                  la sp, mem; li a5, 0x0000000055667788; c.swsp a5, 252(sp); lwu a5, 252(sp))
        TEST_CASE(13, t3, 0x8877665544332211, \
                  la sp, mem; li t3, 0x8877665544332211; c.sdsp t3, 504(sp); li t3, 0; c.ldsp t3, 504(sp))
        TEST_CASE(14, s1, 0x0011223387654321, la sp, mem; c.ldsp s1, 0(sp))

TEST_PASSFAIL

TEST_DATA_BEGIN
        .align 3
mem:
        .dword 0x0011223380000001
        .rept 14
        .dword 0xa5a5a5a5a5a5a5a5
        .endr
        .dword 0x7ffffffea5a5a5a5         /* word at 124 = 0x7ffffffe */
        .rept 47
        .dword 0xa5a5a5a5a5a5a5a5
        .endr
        .dword 0xa5a5a5a5a5a5a5a5         /* offset 504 */
TEST_DATA_END
