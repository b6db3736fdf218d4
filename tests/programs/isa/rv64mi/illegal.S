/*
 * rv64mi/illegal.S
 *
 * Illegal or reserved encodings raise illegal instruction (cause 2) with
 * mepc at the instruction and mtval = the instruction bits (for a 16-bit
 * encoding, the 16 bits).  All run in M-mode; privilege-dependent cases
 * are in the rv64si tests.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        # The all-zero halfword is defined to be illegal: mtval = 0.
        TEST_TRAP(2, PRV_M, CAUSE_ILLEGAL_INSTRUCTION, .half 0x0000)
        CHECK_MTRAP(TI_TVAL, 0)

        # Reserved / unimplemented 32-bit encodings.
        TEST_ILLEGAL(3,  PRV_M, .word 0x0000000b)       # custom-0 opcode
        TEST_ILLEGAL(4,  PRV_M, .word 0x00000053)       # fadd.s: no F extension
        TEST_ILLEGAL(5,  PRV_M, .word 0x00002007)       # flw: no F extension
        TEST_ILLEGAL(6,  PRV_M, .word 0xfe000033)       # OP with funct7 = 0x7f
        TEST_ILLEGAL(7,  PRV_M, .word 0x000010e7)       # jalr with funct3 = 1
        TEST_ILLEGAL(8,  PRV_M, .word 0x00007003)       # LOAD funct3 = 7
        TEST_ILLEGAL(9,  PRV_M, .word 0x00004023)       # STORE funct3 = 4
        TEST_ILLEGAL(10, PRV_M, .word 0x00002063)       # BRANCH funct3 = 2
        TEST_ILLEGAL(11, PRV_M, .word 0x0200101b)       # slliw with shamt[5] = 1
        TEST_ILLEGAL(12, PRV_M, .word 0x0000002f)       # AMO funct3 = 0
        TEST_ILLEGAL(13, PRV_M, .word 0x0000003b | (1 << 25) | (1 << 12)) # OP-32 funct7=1 funct3=1 (no mulhw)

        # Execution continues normally after an illegal instruction.
        TEST_CASE(14, a4, 14, li a4, 14)

TEST_PASSFAIL
