/*
 * rv64si/sv39_fault.S
 *
 * Page faults.  Fetch, load and store/AMO page faults (causes 12, 13, 15)
 * are delegated to S here; the S handler sees scause, sepc = the faulting
 * instruction and stval = the faulting virtual address (not rounded to the
 * page).  Causes of a fault: V = 0; a missing permission (R for loads, W
 * for stores and AMOs, X for fetches); the reserved W-without-R
 * combination; a non-leaf PTE at level 0; a leaf with a reserved bit set
 * (bits 63:54, which include the Svnapot N bit and the Svpbmt PBMT field,
 * neither implemented); a virtual address that is not sign-extended from
 * bit 38.  Without delegation the fault goes to M with
 * mtval = the address.  A 32-bit instruction that straddles into an
 * unmapped page faults with xepc = its start and xtval = the start of the
 * missing page.
 */
#include "vm.h"

#define ALL_PAGE_FAULTS ((1 << CAUSE_FETCH_PAGE_FAULT) | \
                         (1 << CAUSE_LOAD_PAGE_FAULT) | \
                         (1 << CAUSE_STORE_PAGE_FAULT))

/* Case n: in S-mode, `insn` (using address register a0 = `va`) must raise
 * page fault `cause` in S with stval = `va`, sepc = the instruction. */
#define TEST_S_FAULT(n, cause, va, insn...) \
test_ ## n: \
        li TESTNUM, n; \
        EXPECT_STRAP(cause, test_ ## n ## _resume); \
        li a0, va; \
        GOTO_PRIV(PRV_S, test_ ## n ## _insn); \
test_ ## n ## _insn: \
        insn; \
        j fail; \
test_ ## n ## _resume: \
        CHECK_STRAP(TI_TVAL, va); \
        CHECK_STRAP_ADDR(TI_EPC, test_ ## n ## _insn); \
        EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, test_ ## n ## _back); \
        ecall; \
test_ ## n ## _back:

/* Set bit `bit` in window PTE `index`. */
#define SET_RESERVED(index, bit) \
        GET_PTE(t0, pt_l0, index); li t1, 1; slli t1, t1, bit; or t0, t0, t1; \
        la t1, pt_l0 + (index) * 8; sd t0, 0(t1)

TEST_CODE_BEGIN

        VM_SETUP
        # page 0: invalid (all zero); page 1: read-only; page 2: read/write
        # but not executable; page 3: execute-only; page 4: W without R
        # (reserved); page 5: a non-leaf PTE at level 0; page 6: ok, RWX.
        MAP_PAGE(1, data_page, PTE_V | PTE_R | PTE_A | PTE_D)
        MAP_PAGE(2, data_page, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
        MAP_PAGE(3, code_page, PTE_V | PTE_X | PTE_A | PTE_D)
        MAP_PAGE(4, data_page, PTE_V | PTE_W | PTE_A | PTE_D)
        MAP_PAGE(5, data_page, PTE_V)
        MAP_PAGE(6, code_page, PTE_LEAF_RWX)
        # pages 8..10: read/write leaves with bit 54, 61 (PBMT) or 63 (N) set.
        MAP_PAGE(8, data_page, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
        MAP_PAGE(9, data_page, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
        MAP_PAGE(10, data_page, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
        SET_RESERVED(8, 54)
        SET_RESERVED(9, 61)
        SET_RESERVED(10, 63)
        sfence.vma
        li t0, ALL_PAGE_FAULTS
        csrw medeleg, t0

        TEST_S_FAULT(2, CAUSE_LOAD_PAGE_FAULT,  WINDOW_PAGE(0) + 0x123, ld a1, 0(a0))
        TEST_S_FAULT(3, CAUSE_STORE_PAGE_FAULT, WINDOW_PAGE(0) + 0x456, sw a1, 0(a0))
        TEST_S_FAULT(4, CAUSE_STORE_PAGE_FAULT, WINDOW_PAGE(1) + 0x8, sd a1, 0(a0))
        TEST_S_FAULT(5, CAUSE_STORE_PAGE_FAULT, WINDOW_PAGE(1) + 0x10, amoadd.d a1, a1, (a0))
        TEST_S_FAULT(6, CAUSE_LOAD_PAGE_FAULT,  WINDOW_PAGE(3), lw a1, 0(a0))
        TEST_S_FAULT(7, CAUSE_LOAD_PAGE_FAULT,  WINDOW_PAGE(4) + 0x20, ld a1, 0(a0))
        TEST_S_FAULT(8, CAUSE_STORE_PAGE_FAULT, WINDOW_PAGE(4) + 0x28, sd a1, 0(a0))
        TEST_S_FAULT(9, CAUSE_LOAD_PAGE_FAULT,  WINDOW_PAGE(5) + 0x30, lb a1, 0(a0))
        # Bits 63:39 not all equal to bit 38.
        TEST_S_FAULT(10, CAUSE_LOAD_PAGE_FAULT, 0x0000008000000000, ld a1, 0(a0))
        TEST_S_FAULT(11, CAUSE_STORE_PAGE_FAULT, 0xffffff0080000000, sd a1, 0(a0))

        # Reserved PTE bits.
        TEST_S_FAULT(12, CAUSE_LOAD_PAGE_FAULT, WINDOW_PAGE(8), ld a1, 0(a0))
        TEST_S_FAULT(13, CAUSE_STORE_PAGE_FAULT, WINDOW_PAGE(9) + 0x40, sd a1, 0(a0))
        TEST_S_FAULT(14, CAUSE_LOAD_PAGE_FAULT, WINDOW_PAGE(10) + 0x48, ld a1, 0(a0))

        # The readable pages do work (so the faults above were about the
        # permissions, not the mapping).
        TEST_NO_TRAP(15, PRV_S, li a0, WINDOW_PAGE(1); ld a1, 0(a0); li a0, WINDOW_PAGE(2); sd a1, 8(a0))

        # Fetch from a page without X: scause 12, stval = sepc = target.
test_16:
        li TESTNUM, 16
        EXPECT_STRAP(CAUSE_FETCH_PAGE_FAULT, 2f)
        li a0, WINDOW_PAGE(2) + 0x40
        GOTO_PRIV(PRV_S, 1f)
1:      jalr ra, 0(a0)
        j fail
2:      CHECK_STRAP(TI_TVAL, WINDOW_PAGE(2) + 0x40)
        CHECK_STRAP(TI_EPC, WINDOW_PAGE(2) + 0x40)
        EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 3f)
        ecall
3:

        # Fetch through an invalid PTE.
test_17:
        li TESTNUM, 17
        EXPECT_STRAP(CAUSE_FETCH_PAGE_FAULT, 2f)
        li a0, WINDOW_PAGE(0) + 0x80
        GOTO_PRIV(PRV_S, 1f)
1:      jalr ra, 0(a0)
        j fail
2:      CHECK_STRAP(TI_TVAL, WINDOW_PAGE(0) + 0x80)
        EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 3f)
        ecall
3:

        # An execute-only page runs (code_page: li a4, 0x77; ret).
test_18:
        li TESTNUM, 18
        EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 2f)
        li a0, WINDOW_PAGE(3)
        GOTO_PRIV(PRV_S, 1f)
1:      jalr ra, 0(a0)
        ecall
2:      li t6, 0x77
        bne a4, t6, fail

        # A 4-byte instruction in the last 2 bytes of page 6, whose second
        # half would be on page 7 (unmapped): fault at the start of page 7,
        # sepc = the instruction.
test_19:
        li TESTNUM, 19
        EXPECT_STRAP(CAUSE_FETCH_PAGE_FAULT, 2f)
        li a0, WINDOW_PAGE(6) + 0xffe
        GOTO_PRIV(PRV_S, 1f)
1:      jalr ra, 0(a0)
        j fail
2:      CHECK_STRAP(TI_TVAL, WINDOW_PAGE(7))
        CHECK_STRAP(TI_EPC, WINDOW_PAGE(6) + 0xffe)
        EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 3f)
        ecall
3:

        # U-mode faults are delegated the same way, with SPP = U.
test_20:
        li TESTNUM, 20
        EXPECT_STRAP(CAUSE_LOAD_PAGE_FAULT, 2f)
        li a0, WINDOW_PAGE(0) + 0x18
        GOTO_USER(1f)
1:      ld a1, 0(a0)
        j fail
2:      CHECK_STRAP(TI_TVAL, WINDOW_PAGE(0) + 0x18)
        CHECK_STRAP_STATUS(MSTATUS_SPP, 0)
        EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 3f)
        ecall
3:

        # Not delegated: M gets the fault with mtval = address.
        csrw medeleg, zero
        li a0, WINDOW_PAGE(0) + 0x7f8
        TEST_TRAP(21, PRV_S, CAUSE_LOAD_PAGE_FAULT, ld a1, 0(a0))
        CHECK_MTRAP(TI_TVAL, WINDOW_PAGE(0) + 0x7f8)

TEST_PASSFAIL

TEST_DATA_BEGIN
        .align 12
data_page:
        .dword 0x1111
        .skip 4096 - 8
code_page:
        li a4, 0x77
        ret
        /* The first half of a 32-bit nop (0x00000013) at the end of the
         * page: through page 6, the second half would be on page 7. */
        .org code_page + 4096 - 2
        .half 0x0013
VM_TABLES
TEST_DATA_END
