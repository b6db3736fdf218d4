/*
 * rv64si/sv39_misaligned.S
 *
 * A superpage leaf whose physical page number is not aligned to the
 * superpage size (PPN[0] != 0 for a 2 MiB leaf; PPN[1] or PPN[0] != 0 for
 * a 1 GiB leaf) is a misaligned superpage: every access through it raises
 * the page fault of the access type, with xtval = the virtual address.
 */
#include "vm.h"

#define FLAGS (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)

TEST_CODE_BEGIN

        VM_SETUP
        # 2 MiB leaf at VA 0x40400000 -> PA 0x80401000 (PPN[0] = 1).
        SET_PTE_ADDR(pt_l1, 2, 0x80401000, FLAGS)
        # 1 GiB leaf at VA 0x0 -> PA 0x80200000 (PPN[1] = 1).
        SET_PTE_ADDR(pt_root, 0, 0x80200000, FLAGS)
        # 1 GiB leaf at VA 0x100000000 -> PA 0x80001000 (PPN[0] = 1).
        SET_PTE_ADDR(pt_root, 4, 0x80001000, FLAGS)
        sfence.vma

        li a0, 0x40400000 + 0x10
        TEST_TRAP(2, PRV_S, CAUSE_LOAD_PAGE_FAULT, ld a1, 0(a0))
        CHECK_MTRAP(TI_TVAL, 0x40400010)
        li a0, 0x40400000 + 0x18
        TEST_TRAP(3, PRV_S, CAUSE_STORE_PAGE_FAULT, sd a1, 0(a0))
        CHECK_MTRAP(TI_TVAL, 0x40400018)

        li a0, 0x20
        TEST_TRAP(4, PRV_S, CAUSE_LOAD_PAGE_FAULT, ld a1, 0(a0))
        CHECK_MTRAP(TI_TVAL, 0x20)
        li a0, 0x100000000 + 0x28
        TEST_TRAP(5, PRV_S, CAUSE_STORE_PAGE_FAULT, sd a1, 0(a0))
        CHECK_MTRAP(TI_TVAL, 0x100000028)

        # Fetch through a misaligned superpage.
test_6:
        li TESTNUM, 6
        EXPECT_TRAP(CAUSE_FETCH_PAGE_FAULT, 2f)
        li a0, 0x40400000 + 0x40
        GOTO_PRIV(PRV_S, 1f)
1:      jalr ra, 0(a0)
        j fail
2:      CHECK_MTRAP(TI_TVAL, 0x40400040)
        CHECK_MTRAP(TI_EPC, 0x40400040)

        # The same leaves, aligned, work (so the faults were the alignment).
        SET_PTE_ADDR(pt_l1, 2, 0x80400000, FLAGS)
        SET_PTE_ADDR(pt_root, 0, 0x80000000, FLAGS)
        sfence.vma
        TEST_NO_TRAP(7, PRV_S, li a0, 0x40400010; ld a1, 0(a0); li a0, 0x20; ld a1, 0(a0))

TEST_PASSFAIL

TEST_DATA_BEGIN
        .align 12
VM_TABLES
TEST_DATA_END
