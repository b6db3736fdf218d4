/*
 * rv64si/sv39_mxr.S
 *
 * sstatus.MXR (make executable readable): with MXR = 0 a load from an
 * execute-only page faults; with MXR = 1 it succeeds.  MXR never allows a
 * store to such a page, and it does not bypass the U-bit rules.
 */
#include "vm.h"

TEST_CODE_BEGIN

        VM_SETUP
        MAP_PAGE(0, xo_page, PTE_V | PTE_X | PTE_A | PTE_D)
        MAP_PAGE(1, xo_page, PTE_V | PTE_X | PTE_U | PTE_A | PTE_D)
        sfence.vma

        # MXR = 0: load faults.
        li a0, WINDOW_PAGE(0) + 8
        TEST_TRAP(2, PRV_S, CAUSE_LOAD_PAGE_FAULT, ld a1, 0(a0))
        CHECK_MTRAP(TI_TVAL, WINDOW_PAGE(0) + 8)

        # MXR = 1: load succeeds and reads the page.
        li t0, MSTATUS_MXR
        csrs mstatus, t0
        li a0, WINDOW_PAGE(0) + 8
        TEST_NO_TRAP(3, PRV_S, ld a1, 0(a0))
        li t6, 0x1234567800000008
        bne a1, t6, fail

        # Stores still fault.
        li a0, WINDOW_PAGE(0) + 16
        TEST_TRAP(4, PRV_S, CAUSE_STORE_PAGE_FAULT, sd a1, 0(a0))

        # U-mode with MXR = 1 reads its own execute-only page.
test_5:
        li TESTNUM, 5
        EXPECT_TRAP(CAUSE_USER_ECALL, 2f)
        li a0, WINDOW_PAGE(1)
        GOTO_USER(1f)
1:      ld a1, 0(a0)
        ecall
2:      li t6, 0x1234567800000000
        bne a1, t6, fail

        # S with MXR = 1 but SUM = 0: the user execute-only page still faults.
        li a0, WINDOW_PAGE(1)
        TEST_TRAP(6, PRV_S, CAUSE_LOAD_PAGE_FAULT, ld a1, 0(a0))

        # MXR set from S through sstatus works as well.
        li t0, MSTATUS_MXR
        csrc mstatus, t0
        TEST_NO_TRAP(7, PRV_S, li t0, MSTATUS_MXR; csrs sstatus, t0; li a0, WINDOW_PAGE(0); ld a1, 0(a0))
        li t0, MSTATUS_MXR
        csrc mstatus, t0

TEST_PASSFAIL

TEST_DATA_BEGIN
        .align 12
xo_page:
        .dword 0x1234567800000000, 0x1234567800000008
        .align 12
VM_TABLES
TEST_DATA_END
