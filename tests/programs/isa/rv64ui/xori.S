/*
 * rv64ui/xori.S
 *
 * xori: XOR with the sign-extended 12-bit immediate (xori rd, rs, -1 is NOT).
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_IMM_OP(2, xori, 0xff00ff00ff00f8f0, 0xff00ff00ff00ff00, 2032)
        TEST_IMM_OP(3, xori, 0x0ff00ff00ff00f00, 0x0ff00ff00ff00ff0, 240)
        TEST_IMM_OP(4, xori, 0x00ff00ff00ff07f0, 0x00ff00ff00ff00ff, 1807)
        TEST_IMM_OP(5, xori, 0xf00ff00ff00ff0ff, 0xf00ff00ff00ff00f, 240)
        TEST_IMM_OP(6, xori, 0x00ff00ff00ff000f, 0xff00ff00ff00ff00, -241)
        TEST_IMM_OP(7, xori, 0xff00ff00ff00ff0f, 0x00ff00ff00ff00ff, -16)
        TEST_IMM_OP(8, xori, 0xfedcba9876543210, 0x0123456789abcdef, -1)
        TEST_IMM_OP(9, xori, 0x0123456789abcdef, 0x0123456789abcdef, 0)

        # Destination register is also the source.
        TEST_IMM_SRC1_EQ_DEST(10, xori, 0x0123456789abc84a, 0x0123456789abcdef, 1445)

        # x0 reads as zero and ignores writes.
        TEST_IMM_ZEROSRC1(11, xori, 0x5a5, 1445)
        TEST_IMM_ZERODEST(12, xori, 0x0123456789abcdef, 1445)

TEST_PASSFAIL
