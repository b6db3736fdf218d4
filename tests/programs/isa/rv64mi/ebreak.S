/*
 * rv64mi/ebreak.S
 *
 * ebreak and c.ebreak raise breakpoint (cause 3) in every privilege, with
 * mepc = the instruction.  mtval is either 0 or the address of the
 * instruction (both are allowed by the privileged spec); both accepted.
 */
#include "test_macros.h"

/* mtval must be 0 or the address of `label`. */
#define CHECK_TVAL_ZERO_OR(label) \
        MTRAP_FIELD(t0, TI_TVAL); beqz t0, 1f; \
        la t1, label; bne t0, t1, fail; 1:

TEST_CODE_BEGIN

        TEST_TRAP(2, PRV_M, CAUSE_BREAKPOINT, ebreak)
        CHECK_TVAL_ZERO_OR(test_2_insn)
        TEST_TRAP(3, PRV_S, CAUSE_BREAKPOINT, ebreak)
        CHECK_TVAL_ZERO_OR(test_3_insn)
        TEST_TRAP(4, PRV_U, CAUSE_BREAKPOINT, ebreak)
        CHECK_TVAL_ZERO_OR(test_4_insn)
        CHECK_MTRAP_STATUS(MSTATUS_MPP, PRV_U << 11)

        # The compressed form.
        TEST_TRAP(5, PRV_M, CAUSE_BREAKPOINT, c.ebreak)
        CHECK_TVAL_ZERO_OR(test_5_insn)
        TEST_TRAP(6, PRV_U, CAUSE_BREAKPOINT, c.ebreak)
        CHECK_TVAL_ZERO_OR(test_6_insn)

        # Resume after the 2-byte c.ebreak: mepc + 2 is the next instruction.
test_7:
        li TESTNUM, 7
        li a4, 0
        EXPECT_TRAP(CAUSE_BREAKPOINT, 2f)
1:      c.ebreak
        li a4, 7
        j 3f
2:      MTRAP_FIELD(t0, TI_EPC)
        addi t0, t0, 2
        jr t0
3:      li t6, 7
        bne a4, t6, fail

TEST_PASSFAIL
