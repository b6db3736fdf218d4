/*
 * rv64si/sv39_translate.S
 *
 * Sv39 translation in S- and U-mode through three levels of 4 KiB pages:
 * window pages map to physical pages in an order unrelated to their
 * virtual order, two virtual pages may alias one physical page, stores
 * through a virtual address land at the translated physical address,
 * U-mode fetches and accesses user pages, and satp.MODE = Bare turns
 * translation off.  A satp write with a reserved MODE has no effect.
 */
#include "vm.h"

TEST_CODE_BEGIN

        VM_SETUP
        MAP_PAGE(0, page_b, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
        MAP_PAGE(1, page_a, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
        MAP_PAGE(2, page_a, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
        MAP_PAGE(3, page_c, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D)
        sfence.vma

        # S-mode reads through the window.
test_2:
        li TESTNUM, 2
        EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 2f)
        GOTO_PRIV(PRV_S, 1f)
1:      li a0, WINDOW_PAGE(0)
        ld a1, 0(a0)                    # page_b[0]
        li a0, WINDOW_PAGE(1) + 0xff8
        ld a2, 0(a0)                    # page_a[last]
        # Store through page 2, read back through page 1 (same frame).
        li a0, WINDOW_PAGE(2) + 8
        li t0, 0x5a5a0002
        sd t0, 0(a0)
        li a0, WINDOW_PAGE(1) + 8
        ld a3, 0(a0)
        ecall
2:      li t6, 0xbbbb0000
        bne a1, t6, fail
        li t6, 0xaaaa0fff
        bne a2, t6, fail
        li t6, 0x5a5a0002
        bne a3, t6, fail
        # M-mode (no translation) sees the store in page_a.
        ld a4, page_a + 8
        bne a4, t6, fail

        # U-mode: code fetched through the user alias, data from a U page.
test_3:
        li TESTNUM, 3
        EXPECT_TRAP(CAUSE_USER_ECALL, 2f)
        li a0, WINDOW_PAGE(3) + 16
        GOTO_USER(1f)
1:      ld a1, 0(a0)
        addi a1, a1, 1
        sd a1, 8(a0)
3:      ecall
2:      li t6, 0xcccc0011
        bne a1, t6, fail
        ld a4, page_c + 24
        bne a4, t6, fail
        # mepc is the virtual address of the ecall (user alias).
        MTRAP_FIELD(t0, TI_EPC)
        USER_ADDR(t2, 3b)
        bne t0, t2, fail

        # satp.MODE = Bare: S-mode addresses are physical again.
test_4:
        li TESTNUM, 4
        EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 2f)
        GOTO_PRIV(PRV_S, 1f)
1:      csrr s0, satp
        csrw satp, zero
        sfence.vma
        la a0, page_a
        ld a1, 0(a0)
        csrw satp, s0
        sfence.vma
        ecall
2:      li t6, 0xaaaa0000
        bne a1, t6, fail

        # A reserved MODE (1..7) is not written: satp keeps its value.
test_5:
        li TESTNUM, 5
        csrr a1, satp
        li t0, 0x1000000000000000 | 0x12345
        csrw satp, t0
        csrr a4, satp
        bne a4, a1, fail

TEST_PASSFAIL

TEST_DATA_BEGIN
        .align 12
page_a: .dword 0xaaaa0000
        .skip 4096 - 16
        .dword 0xaaaa0fff
page_b: .dword 0xbbbb0000
        .skip 4096 - 8
page_c: .dword 0xcccc0000, 0, 0xcccc0010, 0
        .skip 4096 - 32
VM_TABLES
TEST_DATA_END
