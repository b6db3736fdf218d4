/*
 * rv64si/sv39_superpage.S
 *
 * Superpages: a leaf at level 2 maps 1 GiB and a leaf at level 1 maps
 * 2 MiB; the low VPN bits of the address pass through as physical address
 * bits.  Checked by storing through physical addresses in M-mode and
 * loading through the superpage in S-mode (and the other way round), at
 * offsets that exercise every VPN field below the leaf.
 */
#include "vm.h"

#define MEGA_PA  0x80400000      /* 2 MiB aligned, above the test image */
#define MEGA_VA  0x40200000      /* pt_l1[1] */
#define GIGA_VA  0x0             /* pt_root[0] -> PA 0x80000000 */

TEST_CODE_BEGIN

        VM_SETUP
        SET_PTE_ADDR(pt_root, 0, 0x80000000, PTE_LEAF_RWX)
        SET_PTE_ADDR(pt_l1, 1, MEGA_PA, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
        sfence.vma

        # Physical stores in M-mode at known offsets in the megapage.
        li a0, MEGA_PA
        li t0, 0x11110000
        sd t0, 0(a0)
        li t1, 0x1ff008
        add t1, t1, a0
        li t0, 0x1111ffff
        sd t0, 0(t1)
        li t1, 0x0a5a50
        add t1, t1, a0
        li t0, 0x11115a5a
        sd t0, 0(t1)

        # Loads through the 2 MiB page.
test_2:
        li TESTNUM, 2
        EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 2f)
        GOTO_PRIV(PRV_S, 1f)
1:      li a0, MEGA_VA
        ld a1, 0(a0)
        li t0, MEGA_VA + 0x1ff008
        ld a2, 0(t0)
        li t0, MEGA_VA + 0x0a5a50
        ld a3, 0(t0)
        # and a store through it
        li t0, MEGA_VA + 0x123450
        li t1, 0x2222
        sd t1, 0(t0)
        ecall
2:      li t6, 0x11110000
        bne a1, t6, fail
        li t6, 0x1111ffff
        bne a2, t6, fail
        li t6, 0x11115a5a
        bne a3, t6, fail
        li t0, MEGA_PA + 0x123450
        ld a4, 0(t0)
        li t6, 0x2222
        bne a4, t6, fail

        # The 1 GiB page at VA 0 maps the test image: VA = PA - 0x80000000.
test_3:
        li TESTNUM, 3
        EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 2f)
        GOTO_PRIV(PRV_S, 1f)
1:      la a0, giga_data
        li t0, 0x80000000
        sub a0, a0, t0                  # VA in the gigapage
        ld a1, 0(a0)
        li t1, 0x3333
        sd t1, 8(a0)
        li t0, MEGA_PA + 0x1ff008 - 0x80000000
        ld a2, 0(t0)                    # the megapage area, via the gigapage
        ecall
2:      li t6, 0x0123456789abcdef
        bne a1, t6, fail
        ld a4, giga_data + 8
        li t6, 0x3333
        bne a4, t6, fail
        li t6, 0x1111ffff
        bne a2, t6, fail

        # Code runs from the gigapage too: jump to a routine through it.
test_4:
        li TESTNUM, 4
        EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 2f)
        GOTO_PRIV(PRV_S, 1f)
1:      la a0, routine
        li t0, 0x80000000
        sub a0, a0, t0
        jalr ra, 0(a0)
        ecall
2:      li t6, 0x4444
        bne a4, t6, fail

TEST_PASSFAIL

routine:
        li a4, 0x4444
        ret

TEST_DATA_BEGIN
        .align 3
giga_data:
        .dword 0x0123456789abcdef, 0
        .align 12
VM_TABLES
TEST_DATA_END
