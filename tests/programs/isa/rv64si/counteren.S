/*
 * rv64si/counteren.S
 *
 * mcounteren / scounteren gate the user counter CSRs cycle (bit CY) and
 * instret (bit IR) below M.  S-mode may read one iff its mcounteren bit is
 * set; U-mode iff both its mcounteren and scounteren bits are set;
 * otherwise illegal instruction with mtval = encoding.  M-mode can always
 * read them.  (The time CSR is in time.S.)  Counter values are not checked
 * here beyond instret counting upwards.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        csrw mcounteren, zero
        csrw scounteren, zero

        # M-mode ignores the enables.
        TEST_CASE(2, x0, 0, csrr a4, cycle; csrr a4, instret)

        # Nothing enabled.
        TEST_ILLEGAL(3, PRV_S, csrr a4, cycle)
        TEST_ILLEGAL(4, PRV_S, csrr a4, instret)
        TEST_ILLEGAL(5, PRV_U, csrr a4, cycle)

        # mcounteren only: S may read, U may not.
        li t0, COUNTEREN_CY | COUNTEREN_IR
        csrw mcounteren, t0
        TEST_NO_TRAP(6, PRV_S, csrr a4, cycle; csrr a4, instret)
        TEST_ILLEGAL(7, PRV_U, csrr a4, cycle)
        TEST_ILLEGAL(8, PRV_U, csrr a4, instret)

        # Both: U may read.
        li t0, COUNTEREN_CY | COUNTEREN_IR
        csrw scounteren, t0
        TEST_NO_TRAP(9, PRV_U, csrr a4, cycle; csrr a4, instret)

        # The bits are independent: only IR in mcounteren.
        li t0, COUNTEREN_IR
        csrw mcounteren, t0
        TEST_ILLEGAL(10, PRV_S, csrr a4, cycle)
        TEST_NO_TRAP(11, PRV_S, csrr a4, instret)
        TEST_ILLEGAL(12, PRV_U, csrr a4, cycle)

        # scounteren only (mcounteren clear): U still may not.
        csrw mcounteren, zero
        TEST_ILLEGAL(13, PRV_U, csrr a4, instret)

        # instret counts retired instructions: it moves forward.
test_14:
        li TESTNUM, 14
        csrr a1, instret
        nop
        nop
        nop
        csrr a2, instret
        bgeu a1, a2, fail

TEST_PASSFAIL
