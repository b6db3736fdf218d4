/*
 * env.S - the environment every ISA test is linked with.
 *
 * The hart starts at 0x80000000 in M-mode (pyvirt --bios none, QEMU
 * `spike` and `virt` with -bios none).  _start puts the hart in a known
 * state and jumps to the test's test_main.  The test ends by jumping to
 * env_pass or env_fail, which report through `tohost`:
 *
 *     pass                 tohost = 1
 *     failure of case N    tohost = (N << 1) | 1       (N = TESTNUM = gp)
 *
 * An HTIF host (pyvirt, QEMU spike) stops at that store.  QEMU virt has no
 * HTIF, so the same result is then also written to the sifive_test
 * finisher (0x5555 pass, N << 16 | 0x3333 fail): either way the exit
 * status of the emulator is N, or 0 for a pass.
 *
 * Trap handling: mtvec and stvec point at handlers that fail the test on
 * any trap that was not announced with EXPECT_TRAP / EXPECT_STRAP (see
 * test_macros.h).  An announced trap is recorded in mtrap_info/strap_info
 * and execution continues at the announced resume address, in the mode of
 * the handler, with interrupts off.  The handlers preserve all general
 * purpose registers; they use mscratch/sscratch as a temporary.
 */
#include "test_macros.h"

        .file "env.S"           /* a fixed STT_FILE name keeps builds reproducible */
        .section .text.init, "ax", @progbits
        .globl _start
_start:
        /* Register values are unspecified at reset: start from zero. */
        li x1, 0;  li x2, 0;  li x3, 0;  li x4, 0;  li x5, 0;  li x6, 0
        li x7, 0;  li x8, 0;  li x9, 0;  li x10, 0; li x11, 0; li x12, 0
        li x13, 0; li x14, 0; li x15, 0; li x16, 0; li x17, 0; li x18, 0
        li x19, 0; li x20, 0; li x21, 0; li x22, 0; li x23, 0; li x24, 0
        li x25, 0; li x26, 0; li x27, 0; li x28, 0; li x29, 0; li x30, 0
        li x31, 0

        /* S and U may only touch memory that a PMP entry grants them (if
         * PMP is implemented): grant everything.  A hart without PMP raises
         * illegal instruction here, which lands on 1f. */
        la t0, 1f
        csrw mtvec, t0
        li t0, -1
        csrw pmpaddr0, t0
        li t0, PMP_NAPOT | PMP_R | PMP_W | PMP_X
        csrw pmpcfg0, t0
        .align 2
1:
        la t0, mtrap_vector
        csrw mtvec, t0
        la t0, strap_vector
        csrw stvec, t0
        csrwi medeleg, 0
        csrwi mideleg, 0
        csrwi mie, 0
        csrwi sie, 0
        csrwi satp, 0
        /* Interrupts off, no MPRV/SUM/MXR, no TVM/TW/TSR, MPP = M. */
        li t0, MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE | \
               MSTATUS_SPP | MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR | \
               MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR
        csrc mstatus, t0
        li t0, MSTATUS_MPP
        csrs mstatus, t0

        li TESTNUM, 1
        j test_main

/*
 * M-mode trap handler.  The trap must be the one announced in
 * mtrap_info.expect; record it and resume in M-mode at mtrap_info.resume.
 */
        .align 2
mtrap_vector:
        csrw mscratch, t6
        la t6, mtrap_info
        sd t0, TI_SAVE0(t6)
        sd t1, TI_SAVE1(t6)
        csrr t0, mcause
        ld t1, TI_EXPECT(t6)
        bne t0, t1, env_fail
        sd t0, TI_CAUSE(t6)
        csrr t0, mtval
        sd t0, TI_TVAL(t6)
        csrr t0, mepc
        sd t0, TI_EPC(t6)
        csrr t0, mstatus
        sd t0, TI_STATUS(t6)
        li t0, -1
        sd t0, TI_EXPECT(t6)
        ld t0, TI_RESUME(t6)
        csrw mepc, t0
        li t0, MSTATUS_MPP
        csrs mstatus, t0
        li t0, MSTATUS_MPIE
        csrc mstatus, t0
        ld t0, TI_SAVE0(t6)
        ld t1, TI_SAVE1(t6)
        csrr t6, mscratch
        mret

/*
 * S-mode trap handler (used once a test delegates traps with medeleg /
 * mideleg).  Same protocol with strap_info; resumes in S-mode.
 */
        .align 2
strap_vector:
        csrw sscratch, t6
        la t6, strap_info
        sd t0, TI_SAVE0(t6)
        sd t1, TI_SAVE1(t6)
        csrr t0, scause
        ld t1, TI_EXPECT(t6)
        bne t0, t1, strap_unexpected
        sd t0, TI_CAUSE(t6)
        csrr t0, stval
        sd t0, TI_TVAL(t6)
        csrr t0, sepc
        sd t0, TI_EPC(t6)
        csrr t0, sstatus
        sd t0, TI_STATUS(t6)
        li t0, -1
        sd t0, TI_EXPECT(t6)
        ld t0, TI_RESUME(t6)
        csrw sepc, t0
        li t0, MSTATUS_SPP
        csrs sstatus, t0
        li t0, MSTATUS_SPIE
        csrc sstatus, t0
        ld t0, TI_SAVE0(t6)
        ld t1, TI_SAVE1(t6)
        csrr t6, sscratch
        sret

/* Fail from S-mode: turn translation off first, so that the sifive_test
 * write in env_fail cannot page-fault back into this handler. */
strap_unexpected:
        csrw satp, zero
        sfence.vma
        j env_fail

/*
 * Report the result.  TESTNUM is never 0 (it starts at 1), so a failure
 * can never be mistaken for a pass.
 */
        .globl env_pass, env_fail
env_fail:
        fence
        slli t0, TESTNUM, 1
        ori t0, t0, 1
        j report
env_pass:
        fence
        li t0, 1
report:
        la t1, tohost
        sd t0, 0(t1)
        /* Only reached on hosts without HTIF (QEMU virt). */
        li t1, SIFIVE_TEST_PASS
        li t2, 1
        beq t0, t2, 1f
        srli t1, t0, 1
        slli t1, t1, 16
        li t2, SIFIVE_TEST_FAIL
        or t1, t1, t2
1:      li t2, SIFIVE_TEST_BASE
        sw t1, 0(t2)
2:      j 2b

/* HTIF mailbox: 8 bytes each, 64-byte aligned, found by symbol name. */
        .section .tohost, "aw", @progbits
        .align 6
        .globl tohost
tohost: .dword 0
        .size tohost, 8
        .align 6
        .globl fromhost
fromhost: .dword 0
        .size fromhost, 8

        .data
        .align 6
        .globl mtrap_info, strap_info
mtrap_info:
        .dword -1, 0, 0, 0, 0, 0, 0, 0
strap_info:
        .dword -1, 0, 0, 0, 0, 0, 0, 0
