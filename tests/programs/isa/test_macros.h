/*
 * test_macros.h - the vocabulary of the tohost-style ISA tests.
 *
 * A test is a file that includes this header, then:
 *
 *     TEST_CODE_BEGIN
 *         TEST_RR_OP(2, add, 3, 1, 2)      # test case 2: add 1 + 2 == 3
 *         ...
 *     TEST_PASSFAIL
 *     TEST_DATA_BEGIN  ... optional data ...  TEST_DATA_END
 *
 * env.S starts the hart in M-mode, sets TESTNUM to 1 and jumps to
 * test_main.  Each case first loads its number into TESTNUM, so a failure
 * (a wrong value, or an unexpected trap) reports the case that was running:
 * tohost = (TESTNUM << 1) | 1.  Reaching the end writes tohost = 1 (pass).
 * Case numbers start at 2; 1 stands for "the environment itself".
 *
 * Register use: sources a1/a2, result a4 (or the register named in the
 * macro), expected value t6, scratch t0-t2 (every macro may clobber them).
 * gp is TESTNUM.  The trap handlers in env.S preserve every general-purpose
 * register; traps a test provokes are announced with EXPECT_TRAP (below).
 */
#ifndef TEST_MACROS_H
#define TEST_MACROS_H

#include "riscv_defs.h"

#define TESTNUM gp

/* Field offsets of mtrap_info / strap_info (see env.S). */
#define TI_EXPECT 0   /* cause the next trap must have; -1 = none expected */
#define TI_RESUME 8   /* where execution continues after the expected trap */
#define TI_CAUSE  16  /* recorded xcause */
#define TI_TVAL   24  /* recorded xtval */
#define TI_EPC    32  /* recorded xepc */
#define TI_STATUS 40  /* recorded xstatus, as it was on trap entry */
#define TI_SAVE0  48  /* handler scratch */
#define TI_SAVE1  56
#define TI_SIZE   64

/* ------------------------------------------------------------------ */
/* Skeleton                                                             */
/* ------------------------------------------------------------------ */

/* .file: name the object after the source (not a temporary file), so
 * that builds are reproducible. */
#define TEST_CODE_BEGIN \
        .file __FILE__; .text; .align 2; .globl test_main; test_main:

/* Everything passed if we get here; `fail` is the target of every check. */
#define TEST_PASSFAIL \
        j env_pass; \
fail:   j env_fail

#define TEST_DATA_BEGIN .data; .align 4;
#define TEST_DATA_END

/* ------------------------------------------------------------------ */
/* Generic case: run `code`, then require `reg` == `correct`.           */
/* ------------------------------------------------------------------ */

#define TEST_CASE(n, reg, correct, code...) \
test_ ## n: \
        li TESTNUM, n; \
        code; \
        li t6, correct; \
        bne reg, t6, fail

/* ------------------------------------------------------------------ */
/* Register-register operations: rd = rs1 op rs2                       */
/* ------------------------------------------------------------------ */

#define TEST_RR_OP(n, inst, result, val1, val2) \
        TEST_CASE(n, a4, result, li a1, val1; li a2, val2; inst a4, a1, a2)

/* rd is also rs1 / rs2 / both: the sources must be read before rd is written. */
#define TEST_RR_SRC1_EQ_DEST(n, inst, result, val1, val2) \
        TEST_CASE(n, a1, result, li a1, val1; li a2, val2; inst a1, a1, a2)
#define TEST_RR_SRC2_EQ_DEST(n, inst, result, val1, val2) \
        TEST_CASE(n, a2, result, li a1, val1; li a2, val2; inst a2, a1, a2)
#define TEST_RR_SRC12_EQ_DEST(n, inst, result, val1) \
        TEST_CASE(n, a1, result, li a1, val1; inst a1, a1, a1)

/* x0 as a source reads zero; x0 as destination stays zero. */
#define TEST_RR_ZEROSRC1(n, inst, result, val) \
        TEST_CASE(n, a4, result, li a2, val; inst a4, x0, a2)
#define TEST_RR_ZEROSRC2(n, inst, result, val) \
        TEST_CASE(n, a4, result, li a1, val; inst a4, a1, x0)
#define TEST_RR_ZEROSRC12(n, inst, result) \
        TEST_CASE(n, a4, result, inst a4, x0, x0)
#define TEST_RR_ZERODEST(n, inst, val1, val2) \
        TEST_CASE(n, x0, 0, li a1, val1; li a2, val2; inst x0, a1, a2)

/* ------------------------------------------------------------------ */
/* Register-immediate operations: rd = rs1 op imm                      */
/* ------------------------------------------------------------------ */

#define TEST_IMM_OP(n, inst, result, val1, imm) \
        TEST_CASE(n, a4, result, li a1, val1; inst a4, a1, imm)
#define TEST_IMM_SRC1_EQ_DEST(n, inst, result, val1, imm) \
        TEST_CASE(n, a1, result, li a1, val1; inst a1, a1, imm)
#define TEST_IMM_ZEROSRC1(n, inst, result, imm) \
        TEST_CASE(n, a4, result, inst a4, x0, imm)
#define TEST_IMM_ZERODEST(n, inst, val1, imm) \
        TEST_CASE(n, x0, 0, li a1, val1; inst x0, a1, imm)

/* ------------------------------------------------------------------ */
/* Loads and stores                                                     */
/* ------------------------------------------------------------------ */

/* a4 = inst offset(base) */
#define TEST_LD_OP(n, inst, result, offset, base) \
        TEST_CASE(n, a4, result, la a1, base; inst a4, offset(a1))

/* Load into x0: the value is discarded, x0 stays zero. */
#define TEST_LD_ZERODEST(n, inst, offset, base) \
        TEST_CASE(n, x0, 0, la a1, base; inst x0, offset(a1))

/* Store `result` then load it back with `ldinst`: the round trip must give
 * `result` (already sign/zero-extended the way ldinst extends it). */
#define TEST_ST_OP(n, ldinst, stinst, result, offset, base) \
        TEST_CASE(n, a4, result, \
                  la a1, base; li a2, result; \
                  stinst a2, offset(a1); ldinst a4, offset(a1))

/* Store `val` at offset(base); the aligned doubleword at dwoff(base) must
 * then equal `dword`: checks which bytes a narrow store touches. */
#define TEST_ST_DWORD(n, stinst, val, offset, base, dwoff, dword) \
        TEST_CASE(n, a4, dword, \
                  la a1, base; li a2, val; \
                  stinst a2, offset(a1); ld a4, dwoff(a1))

/* ------------------------------------------------------------------ */
/* Conditional branches, forwards and backwards                         */
/* ------------------------------------------------------------------ */

#define TEST_BR2_OP_TAKEN(n, inst, val1, val2) \
test_ ## n: \
        li TESTNUM, n; \
        li a1, val1; li a2, val2; \
        inst a1, a2, 2f; \
        j fail; \
1:      j 3f; \
2:      inst a1, a2, 1b; \
        j fail; \
3:

#define TEST_BR2_OP_NOTTAKEN(n, inst, val1, val2) \
test_ ## n: \
        li TESTNUM, n; \
        li a1, val1; li a2, val2; \
        inst a1, a2, 1f; \
        j 2f; \
1:      j fail; \
2:      inst a1, a2, 1b

/* ------------------------------------------------------------------ */
/* Atomic memory operations on amo_dat (16 bytes the test provides)     */
/* ------------------------------------------------------------------ */

/* Doubleword AMO: memory holds `init`, rs2 = `val`; rd must receive `init`
 * and memory must then hold `new`. */
#define TEST_AMO_D(n, inst, init, val, new) \
        TEST_CASE(n, a4, init, \
                  la a3, amo_dat; li a1, init; sd a1, 0(a3); \
                  li a2, val; inst a4, a2, (a3)); \
        li t6, new; ld a5, 0(a3); bne a5, t6, fail

/* Word AMO on the upper word of amo_dat[0..7] (the lower word and
 * amo_dat[8..15] hold a 0x5a.. sentinel): rd must receive the old word
 * sign-extended (`old`), and the doubleword must then equal `dword`
 * (new word in the upper half, sentinel untouched in the lower half). */
#define TEST_AMO_W(n, inst, init, val, old, dword) \
        TEST_CASE(n, a4, old, \
                  la a3, amo_dat; li a1, 0x5a5a5a5a5a5a5a5a; \
                  sd a1, 0(a3); sd a1, 8(a3); \
                  li a1, init; sw a1, 4(a3); \
                  li a2, val; addi a0, a3, 4; inst a4, a2, (a0)); \
        li t6, dword; ld a5, 0(a3); bne a5, t6, fail; \
        li t6, 0x5a5a5a5a5a5a5a5a; ld a5, 8(a3); bne a5, t6, fail

/* ------------------------------------------------------------------ */
/* Traps.  env.S's handlers fail on any trap that was not announced:    */
/* EXPECT_TRAP(cause, resume) announces one trap into M-mode; the       */
/* handler records cause/tval/epc/status in mtrap_info and continues at */
/* `resume` in M-mode with interrupts disabled (MIE=0, MPIE=0).         */
/* EXPECT_STRAP does the same for a trap taken in S-mode (resumes in    */
/* S-mode, SIE=0).  Both are one-shot.                                  */
/* ------------------------------------------------------------------ */

#define EXPECT_TRAP(cause, resume) \
        la t0, mtrap_info; li t1, cause; sd t1, TI_EXPECT(t0); \
        la t1, resume; sd t1, TI_RESUME(t0)

#define EXPECT_STRAP(cause, resume) \
        la t0, strap_info; li t1, cause; sd t1, TI_EXPECT(t0); \
        la t1, resume; sd t1, TI_RESUME(t0)

/* Withdraw an announced M-mode trap that did not happen (for cases where
 * either trapping or not trapping is allowed). */
#define CANCEL_TRAP \
        la t0, mtrap_info; li t1, -1; sd t1, TI_EXPECT(t0)

/* reg = recorded field of the last M-mode / S-mode trap */
#define MTRAP_FIELD(reg, field) la reg, mtrap_info; ld reg, field(reg)
#define STRAP_FIELD(reg, field) la reg, strap_info; ld reg, field(reg)

/* The recorded field must equal a constant / the address of a label. */
#define CHECK_MTRAP(field, value) \
        MTRAP_FIELD(t0, field); li t1, value; bne t0, t1, fail
#define CHECK_MTRAP_ADDR(field, label) \
        MTRAP_FIELD(t0, field); la t1, label; bne t0, t1, fail
#define CHECK_STRAP(field, value) \
        STRAP_FIELD(t0, field); li t1, value; bne t0, t1, fail
#define CHECK_STRAP_ADDR(field, label) \
        STRAP_FIELD(t0, field); la t1, label; bne t0, t1, fail

/* Bits `mask` of the recorded status must equal `value`. */
#define CHECK_MTRAP_STATUS(mask, value) \
        MTRAP_FIELD(t0, TI_STATUS); li t1, mask; and t0, t0, t1; \
        li t1, value; bne t0, t1, fail
#define CHECK_STRAP_STATUS(mask, value) \
        STRAP_FIELD(t0, TI_STATUS); li t1, mask; and t0, t0, t1; \
        li t1, value; bne t0, t1, fail

/* reg = the 32-bit instruction word at `label` (two halfword loads, so the
 * label needs only the 2-byte alignment instructions have with C). */
#define INSN32(reg, label) \
        la reg, label; lhu t1, 0(reg); lhu reg, 2(reg); \
        slli reg, reg, 16; or reg, reg, t1

/* The recorded xtval must be the encoding of the instruction at `label`. */
#define CHECK_MTRAP_TVAL_INSN(label) \
        INSN32(t2, label); MTRAP_FIELD(t0, TI_TVAL); bne t0, t2, fail
#define CHECK_STRAP_TVAL_INSN(label) \
        INSN32(t2, label); STRAP_FIELD(t0, TI_TVAL); bne t0, t2, fail

/* ------------------------------------------------------------------ */
/* Privilege changes (from M-mode)                                      */
/* ------------------------------------------------------------------ */

/* Continue at `target` in privilege `prv` (mret with MPP = prv). */
#define GOTO_PRIV(prv, target) \
        li t0, MSTATUS_MPP; csrc mstatus, t0; \
        li t0, (prv) << 11; csrs mstatus, t0; \
        la t0, target; csrw mepc, t0; \
        mret

/* ecall cause for a given privilege: 8 (U), 9 (S), 11 (M). */
#define ECALL_CAUSE(prv) (CAUSE_USER_ECALL + (prv))

/* Case n: `insn...` executed at privilege `prv` must trap into M-mode with
 * `cause`, mepc pointing at it.  Execution continues in M-mode. */
#define TEST_TRAP(n, prv, cause, insn...) \
test_ ## n: \
        li TESTNUM, n; \
        EXPECT_TRAP(cause, test_ ## n ## _resume); \
        GOTO_PRIV(prv, test_ ## n ## _insn); \
test_ ## n ## _insn: \
        insn; \
        j fail; \
test_ ## n ## _resume: \
        CHECK_MTRAP_ADDR(TI_EPC, test_ ## n ## _insn)

/* As TEST_TRAP for an illegal instruction; also checks mtval = encoding
 * (insn must be a single 32-bit instruction). */
#define TEST_ILLEGAL(n, prv, insn...) \
        TEST_TRAP(n, prv, CAUSE_ILLEGAL_INSTRUCTION, insn); \
        CHECK_MTRAP_TVAL_INSN(test_ ## n ## _insn)

/* Case n: `insn...` executed at privilege `prv` must not trap.  It is
 * followed by an ecall that brings the hart back to M-mode. */
#define TEST_NO_TRAP(n, prv, insn...) \
test_ ## n: \
        li TESTNUM, n; \
        EXPECT_TRAP(ECALL_CAUSE(prv), test_ ## n ## _resume); \
        GOTO_PRIV(prv, test_ ## n ## _insn); \
test_ ## n ## _insn: \
        insn; \
test_ ## n ## _ecall: \
        ecall; \
        j fail; \
test_ ## n ## _resume: \
        CHECK_MTRAP_ADDR(TI_EPC, test_ ## n ## _ecall)

#endif
