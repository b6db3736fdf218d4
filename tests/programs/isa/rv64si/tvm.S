/*
 * rv64si/tvm.S
 *
 * mstatus.TVM (trap virtual memory): with TVM = 1, reading or writing satp
 * and executing sfence.vma in S-mode raise illegal instruction (mtval =
 * encoding).  M-mode is unaffected, and with TVM = 0 S-mode may use them.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        li t0, MSTATUS_TVM
        csrs mstatus, t0

        TEST_ILLEGAL(2, PRV_S, csrr a4, satp)
        TEST_ILLEGAL(3, PRV_S, csrw satp, zero)
        TEST_ILLEGAL(4, PRV_S, sfence.vma)
        TEST_ILLEGAL(5, PRV_S, sfence.vma a1, a2)

        # M-mode: no trap.
        TEST_CASE(6, a4, 0, csrr a4, satp; csrw satp, zero; sfence.vma)

        li t0, MSTATUS_TVM
        csrc mstatus, t0

        TEST_NO_TRAP(7, PRV_S, csrr a4, satp; csrw satp, zero; sfence.vma; sfence.vma a1, zero)

        # sfence.vma is never allowed in U.
        TEST_ILLEGAL(8, PRV_U, sfence.vma)

TEST_PASSFAIL
