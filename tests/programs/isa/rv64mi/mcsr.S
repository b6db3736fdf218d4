/*
 * rv64mi/mcsr.S
 *
 * Machine information and configuration CSRs of this platform:
 *   misa    = MXL 2 (64-bit) with exactly the extensions A, C, I, M, S, U
 *   mhartid = 0 (single hart)
 *   mvendorid, marchid, mimpid: readable (any value)
 *   mstatus.SXL = mstatus.UXL = sstatus.UXL = 2 (S and U are 64-bit)
 *   mie: the six standard M/S interrupt enables are writable
 *   mideleg: the three S-level interrupts can be delegated
 */
#include "test_macros.h"

#define MISA_EXPECTED (0x8000000000000000 | (1 << ('A' - 'A')) | \
                       (1 << ('C' - 'A')) | (1 << ('I' - 'A')) | \
                       (1 << ('M' - 'A')) | (1 << ('S' - 'A')) | \
                       (1 << ('U' - 'A')))

TEST_CODE_BEGIN

        TEST_CASE(2, a4, MISA_EXPECTED, csrr a4, misa)
        TEST_CASE(3, a4, 0, li a4, -1; csrr a4, mhartid)

        # Identification registers exist (a read must not trap).
        TEST_CASE(4, x0, 0, csrr a4, mvendorid; csrr a4, marchid; csrr a4, mimpid)

        # XLEN of S and U: mstatus[35:34] = SXL, mstatus[33:32] = UXL.
        TEST_CASE(5, a4, 2, csrr a4, mstatus; srli a4, a4, MSTATUS_SXL_SHIFT; andi a4, a4, 3)
        TEST_CASE(6, a4, 2, csrr a4, mstatus; srli a4, a4, MSTATUS_UXL_SHIFT; andi a4, a4, 3)
        TEST_CASE(7, a4, 2, csrr a4, sstatus; srli a4, a4, MSTATUS_UXL_SHIFT; andi a4, a4, 3)

        # MSIE/MTIE/MEIE and SSIE/STIE/SEIE are implemented in mie.
        TEST_CASE(8, a4, 0xaaa, li a1, -1; csrw mie, a1; csrr a4, mie; li a2, 0xaaa; and a4, a4, a2; csrw mie, zero)

        # SSI/STI/SEI are delegable.
        TEST_CASE(9, a4, 0x222, li a1, 0x222; csrw mideleg, a1; csrr a4, mideleg; csrw mideleg, zero)

TEST_PASSFAIL
