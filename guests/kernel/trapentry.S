/*
 * trapentry.S - trap entry and exit of the native build (privileged spec 1.12, 4.1).
 *
 * stvec points at trap_vector (direct mode). sscratch holds the current process's trap
 * frame while it runs in U-mode and 0 while the kernel runs, so one swap tells the origin:
 *   from U-mode: sp <-> sscratch gives sp = the process's trap frame (top of its kernel
 *     stack); save every register there and call user_trap(tf), which never returns: it
 *     ends in user_return_native.
 *   from S-mode (interrupts taken by the idle loop): swap back, push a frame on the current
 *     kernel stack, call kernel_trap(frame), restore and sret.
 */
#include "trapframe.h"

/* Store sepc, sstatus, scause and stval into the frame at sp (clobbers t0). */
.macro SAVE_CSRS
    csrr    t0, sepc
    sd      t0, TF_EPC(sp)
    csrr    t0, sstatus
    sd      t0, TF_STATUS(sp)
    csrr    t0, scause
    sd      t0, TF_CAUSE(sp)
    csrr    t0, stval
    sd      t0, TF_TVAL(sp)
.endm

    .text
    .balign 4
    .globl  trap_vector
trap_vector:
    csrrw   sp, sscratch, sp
    beqz    sp, from_kernel
    SAVE_REGS
    csrr    t0, sscratch
    sd      t0, TF_REG(2)(sp)
    csrw    sscratch, zero
    SAVE_CSRS
    mv      a0, sp
    call    user_trap

from_kernel:
    csrrw   sp, sscratch, sp
    addi    sp, sp, -TF_SIZE
    SAVE_REGS
    addi    t0, sp, TF_SIZE
    sd      t0, TF_REG(2)(sp)
    SAVE_CSRS
    mv      a0, sp
    call    kernel_trap
    ld      t0, TF_EPC(sp)
    csrw    sepc, t0
    ld      t0, TF_STATUS(sp)
    csrw    sstatus, t0
    RESTORE_REGS sp
    addi    sp, sp, TF_SIZE
    sret

/*
 * user_return_native(tf): enter U-mode with the registers of tf (interrupts are disabled,
 * SIE = 0). sstatus.SPP = 0 (return to U) and SPIE = 1 (interrupts on after sret);
 * sscratch = tf for the next trap.
 */
    .globl  user_return_native
user_return_native:
    ld      t0, TF_EPC(a0)
    csrw    sepc, t0
    li      t0, 0x100
    csrc    sstatus, t0
    li      t0, 0x20
    csrs    sstatus, t0
    csrw    sscratch, a0
    ld      sp, TF_REG(2)(a0)
    RESTORE_REGS a0
    sret
