/*
 * rv64ui/andi.S
 *
 * andi: AND with the sign-extended 12-bit immediate (a negative immediate
 * keeps the upper bits of rs1).
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_IMM_OP(2, andi, 0x700, 0xff00ff00ff00ff00, 2032)
        TEST_IMM_OP(3, andi, 0xf0, 0x0ff00ff00ff00ff0, 240)
        TEST_IMM_OP(4, andi, 0xf, 0x00ff00ff00ff00ff, 1807)
        TEST_IMM_OP(5, andi, 0x0, 0xf00ff00ff00ff00f, 240)
        TEST_IMM_OP(6, andi, 0xff00ff00ff00ff00, 0xff00ff00ff00ff00, -241)
        TEST_IMM_OP(7, andi, 0x00ff00ff00ff00f0, 0x00ff00ff00ff00ff, -16)
        TEST_IMM_OP(8, andi, 0x0123456789abcdef, 0x0123456789abcdef, -1)
        TEST_IMM_OP(9, andi, 0x0, 0x0123456789abcdef, 0)

        # Destination register is also the source.
        TEST_IMM_SRC1_EQ_DEST(10, andi, 0x5a5, 0x0123456789abcdef, 1445)

        # x0 reads as zero and ignores writes.
        TEST_IMM_ZEROSRC1(11, andi, 0x0, 1445)
        TEST_IMM_ZERODEST(12, andi, 0x0123456789abcdef, 1445)

TEST_PASSFAIL
