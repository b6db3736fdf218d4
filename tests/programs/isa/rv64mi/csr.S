/*
 * rv64mi/csr.S
 *
 * Zicsr instruction semantics in M-mode, and the read-only rule:
 *   csrrw/csrrs/csrrc and their immediate forms return the old value and
 *   write new / old|x / old&~x; the 5-bit immediate is zero-extended;
 *   csrrs/csrrc with rs1 = x0 and csrrsi/csrrci with uimm = 0 do not write,
 *   so they are allowed on read-only CSRs;
 *   any other access that writes a read-only CSR (address bits [11:10] =
 *   0b11) raises illegal instruction with mtval = the instruction word,
 *   even when the value written would be zero or the destination is x0;
 *   a CSR that does not exist (hstatus without H, fcsr without F) raises
 *   illegal instruction.
 * mscratch is used as a fully writable register.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        # csrrw: returns the old value, writes the new one.
        TEST_CASE(2, a4, 0x1111, li a1, 0x1111; csrw mscratch, a1; li a2, 0x2222; csrrw a4, mscratch, a2)
        TEST_CASE(3, a4, 0x2222, csrr a4, mscratch)
        # csrrs sets bits, csrrc clears them; both return the old value.
        TEST_CASE(4, a4, 0x2222, li a1, 0x00f0; csrrs a4, mscratch, a1)
        TEST_CASE(5, a4, 0x22f2, csrr a4, mscratch)
        TEST_CASE(6, a4, 0x22f2, li a1, 0x2002; csrrc a4, mscratch, a1)
        TEST_CASE(7, a4, 0x02f0, csrr a4, mscratch)
        # A full 64-bit value round-trips.
        TEST_CASE(8, a4, 0xfedcba9876543210, li a1, 0xfedcba9876543210; csrw mscratch, a1; csrr a4, mscratch)
        # rd = rs1: the old value goes to rd, the write uses the old rs1.
        TEST_CASE(9, a1, 0xfedcba9876543210, li a1, 0x55; csrrw a1, mscratch, a1)
        TEST_CASE(10, a4, 0x55, csrr a4, mscratch)

        # Immediate forms: 5-bit zero-extended immediate (31 is not -1).
        TEST_CASE(11, a4, 0x55, csrrwi a4, mscratch, 31)
        TEST_CASE(12, a4, 31, csrr a4, mscratch)
        TEST_CASE(13, a4, 31, csrrci a4, mscratch, 0x11)
        TEST_CASE(14, a4, 0x0e, csrr a4, mscratch)
        TEST_CASE(15, a4, 0x0e, csrrsi a4, mscratch, 0x10)
        TEST_CASE(16, a4, 0x1e, csrr a4, mscratch)

        # Read-only CSRs may be read with the non-writing forms.
        TEST_CASE(17, a4, 0, li a4, -1; csrrs a4, mhartid, x0)
        TEST_CASE(18, a4, 0, li a4, -1; csrrc a4, mhartid, x0)
        TEST_CASE(19, a4, 0, li a4, -1; csrrsi a4, mhartid, 0)
        TEST_CASE(20, a4, 0, li a4, -1; csrrci a4, mhartid, 0)
        TEST_CASE(21, x0, 0, csrr a4, mvendorid; csrr a4, cycle; csrr a4, instret)

        # Any write to a read-only CSR is illegal, whatever the value.
        TEST_ILLEGAL(22, PRV_M, csrw mhartid, zero)
        TEST_ILLEGAL(23, PRV_M, csrrw x0, mvendorid, a1)
        TEST_ILLEGAL(24, PRV_M, csrrs a4, marchid, a1)          # a1 may hold 0: still a write
        TEST_ILLEGAL(25, PRV_M, csrrci a4, mimpid, 1)
        TEST_ILLEGAL(26, PRV_M, csrrsi x0, mhartid, 4)
        TEST_ILLEGAL(27, PRV_M, csrrwi a4, cycle, 0)            # user counters are read-only
        TEST_ILLEGAL(28, PRV_M, csrrc a4, instret, t2)

        # A failed write leaves rd untouched.
test_29:
        li TESTNUM, 29
        li a4, 0x29
        EXPECT_TRAP(CAUSE_ILLEGAL_INSTRUCTION, 1f)
        csrrw a4, mhartid, a1
        j fail
1:      li t6, 0x29
        bne a4, t6, fail

        # CSRs of absent extensions do not exist.
        TEST_ILLEGAL(30, PRV_M, csrr a4, 0x600)                 # hstatus (no H)
        TEST_ILLEGAL(31, PRV_M, csrr a4, 0x003)                 # fcsr (no F)

TEST_PASSFAIL
