/*
 * rv64si/sv39_ad.S
 *
 * Accessed and dirty bits, updated by the hardware walker (as QEMU and
 * pyvirt do; the spec also allows raising a page fault instead, which
 * this test does not accept).  Any access through a leaf sets A; a store
 * or AMO also sets D; a load or fetch leaves D alone.  A store to a page
 * that was earlier loaded from (so a TLB may hold it clean) still sets D.
 * Other PTE bits are not changed.
 */
#include "vm.h"

#define RW (PTE_V | PTE_R | PTE_W)

/* Case n: after `code` (run in S-mode), window PTE `index` has flags `f`. */
#define TEST_PTE_FLAGS(n, index, f, code...) \
        TEST_NO_TRAP(n, PRV_S, code); \
        GET_PTE(a4, pt_l0, index); andi a4, a4, 0xff; \
        li t6, f; bne a4, t6, fail

TEST_CODE_BEGIN

        VM_SETUP
        MAP_PAGE(0, page, RW)
        MAP_PAGE(1, page, RW)
        MAP_PAGE(2, page, RW)
        MAP_PAGE(3, page, RW)
        MAP_PAGE(4, code, PTE_V | PTE_X)
        MAP_PAGE(5, page, RW | PTE_A)
        sfence.vma

        # A load sets A only.
        TEST_PTE_FLAGS(2, 0, RW | PTE_A, li a0, WINDOW_PAGE(0); ld a1, 0(a0))
        # A store sets A and D.
        TEST_PTE_FLAGS(3, 1, RW | PTE_A | PTE_D, li a0, WINDOW_PAGE(1); sd a1, 8(a0))
        # An AMO sets A and D.
        TEST_PTE_FLAGS(4, 2, RW | PTE_A | PTE_D, li a0, WINDOW_PAGE(2); amoadd.d a1, zero, (a0))
        # Load first, then store to the same page: D set by the store.
        TEST_PTE_FLAGS(5, 3, RW | PTE_A, li a0, WINDOW_PAGE(3); ld a1, 0(a0))
        TEST_PTE_FLAGS(6, 3, RW | PTE_A | PTE_D, li a0, WINDOW_PAGE(3); sd a1, 16(a0))
        # A fetch sets A only.
        TEST_PTE_FLAGS(7, 4, PTE_V | PTE_X | PTE_A, li a0, WINDOW_PAGE(4); jalr ra, 0(a0))
        # A already set, store: D set, A kept.
        TEST_PTE_FLAGS(8, 5, RW | PTE_A | PTE_D, li a0, WINDOW_PAGE(5); sw a1, 24(a0))

        # The physical page number is untouched by the updates.
test_9:
        li TESTNUM, 9
        GET_PTE(a4, pt_l0, 1)
        srli a4, a4, PTE_PPN_SHIFT
        la a1, page
        srli a1, a1, PAGE_SHIFT
        bne a4, a1, fail

        # Non-leaf PTEs are not marked (A/D/U are reserved there).
        TEST_CASE(10, a4, PTE_V, GET_PTE(a4, pt_l1, 0); andi a4, a4, 0xff)

        # Same from U-mode: a user load sets A.
test_11:
        li TESTNUM, 11
        SET_PTE_LABEL(pt_l0, 6, page, RW | PTE_U)
        sfence.vma
        EXPECT_TRAP(CAUSE_USER_ECALL, 2f)
        li a0, WINDOW_PAGE(6)
        GOTO_USER(1f)
1:      ld a1, 0(a0)
        ecall
2:      GET_PTE(a4, pt_l0, 6)
        andi a4, a4, 0xff
        li t6, RW | PTE_U | PTE_A
        bne a4, t6, fail

TEST_PASSFAIL

TEST_DATA_BEGIN
        .align 12
page:   .dword 0x1, 0x2, 0x3, 0x4
        .align 12
code:   ret
        .align 12
VM_TABLES
TEST_DATA_END
