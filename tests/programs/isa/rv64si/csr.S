/*
 * rv64si/csr.S
 *
 * CSR privilege rules: CSR address bits [9:8] give the lowest privilege
 * that may access it.  S-mode accessing an M-level CSR, or U-mode accessing
 * an S- or M-level CSR, raises illegal instruction with mtval = the
 * instruction word.  S-level CSRs work from S; sstatus is a view of the
 * S fields of mstatus (it shows neither MPP nor MIE, and cannot change them).
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        # M-level CSRs from S.
        TEST_ILLEGAL(2, PRV_S, csrr a4, mscratch)
        TEST_ILLEGAL(3, PRV_S, csrw mstatus, zero)
        TEST_ILLEGAL(4, PRV_S, csrr a4, mhartid)
        TEST_ILLEGAL(5, PRV_S, csrrs a4, mepc, x0)
        TEST_ILLEGAL(6, PRV_S, csrr a4, misa)

        # S- and M-level CSRs from U.
        TEST_ILLEGAL(7, PRV_U, csrr a4, sscratch)
        TEST_ILLEGAL(8, PRV_U, csrr a4, sstatus)
        TEST_ILLEGAL(9, PRV_U, csrw stvec, a1)
        TEST_ILLEGAL(10, PRV_U, csrr a4, satp)
        TEST_ILLEGAL(11, PRV_U, csrr a4, mstatus)

        # S-level CSRs from S (sscratch is free: the S handler is unused).
        TEST_NO_TRAP(12, PRV_S, csrr a4, sstatus; csrw sscratch, a1; csrr a4, sscratch; csrr a4, sepc; csrr a4, satp)

        # sscratch written in S holds its value.
        li a1, 0x13131313
        TEST_NO_TRAP(13, PRV_S, csrw sscratch, a1)
        csrr a4, sscratch
        li t6, 0x13131313
        bne a4, t6, fail

        # sstatus hides MIE/MPIE/MPP/MPRV/TVM/TW/TSR ...
test_14:
        li TESTNUM, 14
        li t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPRV | MSTATUS_TW
        csrs mstatus, t0
        csrr a4, sstatus
        csrc mstatus, t0
        li t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV | \
               MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR
        and a4, a4, t0
        bnez a4, fail

        # ... and writing it cannot set them.
test_15:
        li TESTNUM, 15
        li t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPRV | MSTATUS_TW | MSTATUS_TSR
        csrs sstatus, t0
        csrr a4, mstatus
        and a4, a4, t0
        bnez a4, fail

        # SUM and SIE written through sstatus appear in mstatus.
test_16:
        li TESTNUM, 16
        li t0, MSTATUS_SUM | MSTATUS_SIE
        csrs sstatus, t0
        csrr a4, mstatus
        csrc mstatus, t0
        and a4, a4, t0
        bne a4, t0, fail

TEST_PASSFAIL
