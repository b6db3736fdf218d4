/*
 * rv64si/sv39_sfence.S
 *
 * sfence.vma orders page-table updates before later translations: after
 * a PTE is changed and sfence.vma executed (all addresses, or just the
 * affected one), the new mapping and permissions are in force.  Also
 * switching satp to a different root table.  What happens between the
 * PTE write and the sfence.vma is not specified and is not checked.
 */
#include "vm.h"

#define RW (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
#define RO (PTE_V | PTE_R | PTE_A | PTE_D)

/* S-mode: a1 = the doubleword at window page `index`. */
#define S_LOAD(n, index) \
        li a0, WINDOW_PAGE(index); TEST_NO_TRAP(n, PRV_S, ld a1, 0(a0))

TEST_CODE_BEGIN

        VM_SETUP
        MAP_PAGE(0, page_a, RW)
        sfence.vma

        # Remap page 0 from page_a to page_b (done in S, flushed in S).
        S_LOAD(2, 0)
        li t6, 0xaaaa
        bne a1, t6, fail
test_3:
        li TESTNUM, 3
        EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 2f)
        GOTO_PRIV(PRV_S, 1f)
1:      SET_PTE_LABEL(pt_l0, 0, page_b, RW)
        li a0, WINDOW_PAGE(0)
        sfence.vma a0, zero
        ld a1, 0(a0)
        ecall
2:      li t6, 0xbbbb
        bne a1, t6, fail

        # Invalidate it (M writes the PTE, global sfence.vma from M).
        SET_PTE_RAW(pt_l0, 0, 0)
        sfence.vma
        li a0, WINDOW_PAGE(0)
        TEST_TRAP(4, PRV_S, CAUSE_LOAD_PAGE_FAULT, ld a1, 0(a0))

        # Read-only, store faults; made writable + sfence, store works.
        SET_PTE_LABEL(pt_l0, 0, page_a, RO)
        sfence.vma
        S_LOAD(5, 0)
        li a0, WINDOW_PAGE(0)
        TEST_TRAP(6, PRV_S, CAUSE_STORE_PAGE_FAULT, sd a1, 8(a0))
        SET_PTE_LABEL(pt_l0, 0, page_a, RW)
        li a0, WINDOW_PAGE(0)
        sfence.vma a0
        TEST_NO_TRAP(7, PRV_S, sd a1, 8(a0))

        # A second root maps window page 0 to page_b: switching satp to it
        # (and back) changes the translation.
        SET_PTE_ADDR(pt_root2, 2, 0x80000000, PTE_LEAF_RWX)
        SET_PTE_LABEL(pt_root2, 1, pt_l1_2, PTE_V)
        SET_PTE_LABEL(pt_l1_2, 0, pt_l0_2, PTE_V)
        SET_PTE_LABEL(pt_l0_2, 0, page_b, RW)
test_8:
        li TESTNUM, 8
        EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 2f)
        GOTO_PRIV(PRV_S, 1f)
1:      csrr s0, satp
        SATP_SET(pt_root2)
        li a0, WINDOW_PAGE(0)
        ld a1, 0(a0)
        csrw satp, s0
        sfence.vma
        ld a2, 0(a0)
        ecall
2:      li t6, 0xbbbb
        bne a1, t6, fail
        li t6, 0xaaaa
        bne a2, t6, fail

TEST_PASSFAIL

TEST_DATA_BEGIN
        .align 12
page_a: .dword 0xaaaa
        .align 12
page_b: .dword 0xbbbb
        .align 12
pt_l1_2: .skip 4096
pt_l0_2: .skip 4096
VM_TABLES
TEST_DATA_END
