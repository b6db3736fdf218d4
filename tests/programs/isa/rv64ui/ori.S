/*
 * rv64ui/ori.S
 *
 * ori: OR with the sign-extended 12-bit immediate.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_IMM_OP(2, ori, 0xff00ff00ff00fff0, 0xff00ff00ff00ff00, 2032)
        TEST_IMM_OP(3, ori, 0x0ff00ff00ff00ff0, 0x0ff00ff00ff00ff0, 240)
        TEST_IMM_OP(4, ori, 0x00ff00ff00ff07ff, 0x00ff00ff00ff00ff, 1807)
        TEST_IMM_OP(5, ori, 0xf00ff00ff00ff0ff, 0xf00ff00ff00ff00f, 240)
        TEST_IMM_OP(6, ori, 0xffffffffffffff0f, 0xff00ff00ff00ff00, -241)
        TEST_IMM_OP(7, ori, 0xffffffffffffffff, 0x00ff00ff00ff00ff, -16)
        TEST_IMM_OP(8, ori, 0xffffffffffffffff, 0x0123456789abcdef, -1)
        TEST_IMM_OP(9, ori, 0x0123456789abcdef, 0x0123456789abcdef, 0)

        # Destination register is also the source.
        TEST_IMM_SRC1_EQ_DEST(10, ori, 0x0123456789abcdef, 0x0123456789abcdef, 1445)

        # x0 reads as zero and ignores writes.
        TEST_IMM_ZEROSRC1(11, ori, 0x5a5, 1445)
        TEST_IMM_ZERODEST(12, ori, 0x0123456789abcdef, 1445)

TEST_PASSFAIL
