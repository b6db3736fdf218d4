/*
 * rv64ui/fence_i.S
 *
 * fence.i: after a store to instruction memory, fence.i makes the new
 * instruction visible to instruction fetch of the same hart.  A site is
 * executed first (so any decoded-instruction cache holds the old code),
 * then rewritten, then executed again.  The replacement encodings are
 * taken from instructions assembled into the data section.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        # Warm up: the subroutine at patch_site returns 111 in a4.
        TEST_CASE(2, a4, 111, la a1, patch_site; jalr ra, 0(a1))

        # Rewrite its first instruction, fence.i, call again: 222.
        TEST_CASE(3, a4, 222, \
                  la a1, patch_site; lw a2, new_insn_222; sw a2, 0(a1); \
                  fence.i; jalr ra, 0(a1))

        # And once more, so a stale cache of the second version also fails.
        TEST_CASE(4, a4, 333, \
                  la a1, patch_site; lw a2, new_insn_333; sw a2, 0(a1); \
                  fence.i; jalr ra, 0(a1))

        # Straight-line code: patch the instruction right after the fence.i.
        # The loop runs the site twice, before and after patching it.
test_5:
        li TESTNUM, 5
        li a3, 0                        # iteration
        la a1, 2f
1:      beqz a3, 3f
        lw a2, new_insn_444
        sw a2, 0(a1)
3:      fence.i
2:      li a4, 111                      # becomes li a4, 444
        addi a3, a3, 1
        li t0, 2
        bne a3, t0, 1b
        li t6, 444
        bne a4, t6, fail

TEST_PASSFAIL

TEST_DATA_BEGIN
        .align 2
patch_site:
        li a4, 111
        ret
new_insn_222:
        li a4, 222
new_insn_333:
        li a4, 333
new_insn_444:
        li a4, 444
TEST_DATA_END
