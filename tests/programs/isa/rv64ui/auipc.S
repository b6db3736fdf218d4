/*
 * rv64ui/auipc.S
 *
 * auipc: rd = pc + (imm20 << 12), where the shifted immediate is
 * sign-extended from bit 31.  The pc of the auipc itself is obtained
 * independently with a jal to the next instruction (the link register
 * then holds exactly that address).
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        # a1 = address of the auipc, a4 = auipc result - a1
        TEST_CASE(2, a4, 0x0,        jal a1, 1f; 1: auipc a4, 0x0;     sub a4, a4, a1)
        TEST_CASE(3, a4, 0x1000,     jal a1, 1f; 1: auipc a4, 0x1;     sub a4, a4, a1)
        TEST_CASE(4, a4, 0x12345000, jal a1, 1f; 1: auipc a4, 0x12345; sub a4, a4, a1)
        TEST_CASE(5, a4, 0x7ffff000, jal a1, 1f; 1: auipc a4, 0x7ffff; sub a4, a4, a1)

        # Negative offsets: the immediate is sign-extended before the add.
        TEST_CASE(6, a4, 0xfffffffffffff000, jal a1, 1f; 1: auipc a4, 0xfffff; sub a4, a4, a1)
        TEST_CASE(7, a4, 0xffffffff80000000, jal a1, 1f; 1: auipc a4, 0x80000; sub a4, a4, a1)

        # Full 64-bit result: the image runs at 0x8000_0000 and above, so
        # pc - 2^31 must not wrap to a huge value.
        TEST_CASE(8, a4, 0x0, jal a1, 1f; 1: auipc a4, 0x80000; srli a4, a4, 32)

        # auipc + addi (what `la` expands to) reaches a label: the address of
        # this very instruction pair, as the jal linked it.
        TEST_CASE(9, a4, 0x0, jal a1, 1f; 1: la a4, 1b; sub a4, a4, a1)

        # x0 as destination stays zero.
        TEST_CASE(10, x0, 0, auipc x0, 0x12345)

TEST_PASSFAIL
