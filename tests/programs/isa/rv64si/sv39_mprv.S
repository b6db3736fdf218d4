/*
 * rv64si/sv39_mprv.S
 *
 * mstatus.MPRV: in M-mode with MPRV = 1, loads and stores (not fetches)
 * are translated and checked as if in the privilege held in MPP, with
 * SUM/MXR applying as usual.  MPP = M means no translation.  A fault is
 * taken in M with mtval = the virtual address.
 */
#include "vm.h"

/* mstatus.MPP = prv, MPRV = 1 (M-mode keeps executing untranslated). */
#define MPRV_AS(prv) \
        li t0, MSTATUS_MPP; csrc mstatus, t0; \
        li t0, ((prv) << 11) | MSTATUS_MPRV; csrs mstatus, t0
#define MPRV_OFF \
        li t0, MSTATUS_MPRV; csrc mstatus, t0; \
        li t0, MSTATUS_MPP; csrs mstatus, t0

TEST_CODE_BEGIN

        VM_SETUP
        MAP_PAGE(0, s_page, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
        MAP_PAGE(1, u_page, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D)
        sfence.vma

        # As S: the window is mapped; loads and stores translate.
test_2:
        li TESTNUM, 2
        li a0, WINDOW_PAGE(0)
        li a2, 0x2222
        MPRV_AS(PRV_S)
        ld a1, 0(a0)
        sd a2, 8(a0)
        MPRV_OFF
        li t6, 0x5555
        bne a1, t6, fail
        ld a4, s_page + 8
        bne a4, a2, fail

        # As U: the user page works, the supervisor page faults.
test_3:
        li TESTNUM, 3
        li a0, WINDOW_PAGE(1)
        MPRV_AS(PRV_U)
        ld a1, 0(a0)
        MPRV_OFF
        li t6, 0x7777
        bne a1, t6, fail
test_4:
        li TESTNUM, 4
        li a0, WINDOW_PAGE(0) + 0x30
        EXPECT_TRAP(CAUSE_LOAD_PAGE_FAULT, 2f)
        MPRV_AS(PRV_U)
1:      ld a1, 0(a0)
        j fail
2:      MPRV_OFF
        CHECK_MTRAP(TI_TVAL, WINDOW_PAGE(0) + 0x30)
        CHECK_MTRAP_ADDR(TI_EPC, 1b)
        CHECK_MTRAP_STATUS(MSTATUS_MPP, PRV_M << 11)

        # As S with SUM = 0: the user page faults (store), with SUM = 1 not.
test_5:
        li TESTNUM, 5
        li a0, WINDOW_PAGE(1) + 0x38
        EXPECT_TRAP(CAUSE_STORE_PAGE_FAULT, 2f)
        MPRV_AS(PRV_S)
1:      sd a1, 0(a0)
        j fail
2:      MPRV_OFF
        CHECK_MTRAP(TI_TVAL, WINDOW_PAGE(1) + 0x38)
test_6:
        li TESTNUM, 6
        li a0, WINDOW_PAGE(1)
        li t0, MSTATUS_SUM
        csrs mstatus, t0
        MPRV_AS(PRV_S)
        ld a1, 0(a0)
        MPRV_OFF
        li t0, MSTATUS_SUM
        csrc mstatus, t0
        li t6, 0x7777
        bne a1, t6, fail

        # MPP = M: MPRV changes nothing, addresses are physical.
test_7:
        li TESTNUM, 7
        la a0, u_page
        MPRV_AS(PRV_M)
        ld a1, 0(a0)
        MPRV_OFF
        li t6, 0x7777
        bne a1, t6, fail

TEST_PASSFAIL

TEST_DATA_BEGIN
        .align 12
s_page: .dword 0x5555
        .align 12
u_page: .dword 0x7777
        .align 12
VM_TABLES
TEST_DATA_END
