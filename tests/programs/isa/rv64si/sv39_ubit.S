/*
 * rv64si/sv39_ubit.S
 *
 * The PTE U bit and sstatus.SUM.  U-mode may only use pages with U = 1
 * (loads, stores and fetches of other pages fault).  S-mode may load and
 * store U pages only while SUM = 1, and may never execute from a U page,
 * whatever SUM says.  Faults are taken in M here (no delegation), with
 * mtval = the virtual address.
 */
#include "vm.h"

/* Case n: run `insn` (address in a0 = va) at S, expect fault `cause`. */
#define TEST_S_PF(n, cause, va, insn...) \
        li a0, va; \
        TEST_TRAP(n, PRV_S, cause, insn); \
        CHECK_MTRAP(TI_TVAL, va)

TEST_CODE_BEGIN

        VM_SETUP
        # page 0: user data, page 1: supervisor data, page 2: user code.
        MAP_PAGE(0, user_page, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D)
        MAP_PAGE(1, super_page, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
        MAP_PAGE(2, ucode_page, PTE_V | PTE_R | PTE_X | PTE_U | PTE_A | PTE_D)
        MAP_PAGE(3, scode_page, PTE_V | PTE_R | PTE_X | PTE_A | PTE_D)
        sfence.vma

        # U: own pages fine.
test_2:
        li TESTNUM, 2
        EXPECT_TRAP(CAUSE_USER_ECALL, 2f)
        li a0, WINDOW_PAGE(0)
        li a2, WINDOW_PAGE(2)
        GOTO_USER(1f)
1:      ld a1, 0(a0)
        sd a1, 8(a0)
        jalr ra, 0(a2)                  # ucode_page: li a4, 0x55; ret
        ecall
2:      li t6, 0x55
        bne a4, t6, fail
        ld a4, user_page + 8
        li t6, 0x0000aaaa
        bne a4, t6, fail

        # U: supervisor pages fault (load, store, fetch).
test_3:
        li TESTNUM, 3
        EXPECT_TRAP(CAUSE_LOAD_PAGE_FAULT, 2f)
        li a0, WINDOW_PAGE(1) + 0x10
        GOTO_USER(1f)
1:      ld a1, 0(a0)
        j fail
2:      CHECK_MTRAP(TI_TVAL, WINDOW_PAGE(1) + 0x10)
        CHECK_MTRAP_STATUS(MSTATUS_MPP, PRV_U << 11)
test_4:
        li TESTNUM, 4
        EXPECT_TRAP(CAUSE_STORE_PAGE_FAULT, 2f)
        li a0, WINDOW_PAGE(1) + 0x18
        GOTO_USER(1f)
1:      sd a1, 0(a0)
        j fail
2:      CHECK_MTRAP(TI_TVAL, WINDOW_PAGE(1) + 0x18)
test_5:
        li TESTNUM, 5
        EXPECT_TRAP(CAUSE_FETCH_PAGE_FAULT, 2f)
        li a0, WINDOW_PAGE(3)
        GOTO_USER(1f)
1:      jalr ra, 0(a0)
        j fail
2:      CHECK_MTRAP(TI_TVAL, WINDOW_PAGE(3))
        CHECK_MTRAP(TI_EPC, WINDOW_PAGE(3))

        # S with SUM = 0: user pages fault for loads and stores.
        li t0, MSTATUS_SUM
        csrc mstatus, t0
        TEST_S_PF(6, CAUSE_LOAD_PAGE_FAULT, WINDOW_PAGE(0) + 0x20, ld a1, 0(a0))
        TEST_S_PF(7, CAUSE_STORE_PAGE_FAULT, WINDOW_PAGE(0) + 0x28, sd a1, 0(a0))

        # S with SUM = 1: they work ...
        li t0, MSTATUS_SUM
        csrs mstatus, t0
        TEST_NO_TRAP(8, PRV_S, li a0, WINDOW_PAGE(0); ld a1, 0(a0); sd a1, 16(a0))

        # ... but executing a user page still faults.
test_9:
        li TESTNUM, 9
        EXPECT_TRAP(CAUSE_FETCH_PAGE_FAULT, 2f)
        li a0, WINDOW_PAGE(2)
        GOTO_PRIV(PRV_S, 1f)
1:      jalr ra, 0(a0)
        j fail
2:      CHECK_MTRAP(TI_TVAL, WINDOW_PAGE(2))
        CHECK_MTRAP_STATUS(MSTATUS_MPP, PRV_S << 11)

        # SUM set by S itself through sstatus takes effect.
        li t0, MSTATUS_SUM
        csrc mstatus, t0
        TEST_NO_TRAP(10, PRV_S, li t0, MSTATUS_SUM; csrs sstatus, t0; li a0, WINDOW_PAGE(0); ld a1, 0(a0))
        li t0, MSTATUS_SUM
        csrc mstatus, t0

TEST_PASSFAIL

TEST_DATA_BEGIN
        .align 12
user_page:
        .dword 0x0000aaaa
        .align 12
super_page:
        .dword 0x0000bbbb
        .align 12
ucode_page:
        li a4, 0x55
        ret
        .align 12
scode_page:
        li a4, 0x66
        ret
        .align 12
VM_TABLES
TEST_DATA_END
