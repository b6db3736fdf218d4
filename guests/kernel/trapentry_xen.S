/*
 * trapentry_xen.S - trap entry and exit of the paravirtual build (docs/hypercall-abi.md).
 * The guest kernel runs deprivileged, so the hypervisor delivers its traps: it
 * saves epc, status, cause, tval and the interrupted sp in the shared page, loads sp with
 * shared.kernel_sp (from guest user mode) or keeps it (from the guest kernel), masks
 * virtual interrupts and jumps to trap_vector_xen. A frame is pushed below sp in both
 * cases; for a user trap kernel_sp points just above the process's trap frame, so the
 * frame pushed is exactly that trap frame. Return is HC_trap_return(frame).
 */
#include "hypercall.h"
#include "trapframe.h"

    .text
    .balign 4
    .globl  trap_vector_xen
trap_vector_xen:
    addi    sp, sp, -TF_SIZE
    SAVE_REGS
    la      t0, pv_shared + PV_SHARED_TRAP
    ld      t1, PV_TRAP_SP(t0)
    sd      t1, TF_REG(2)(sp)
    ld      t1, PV_TRAP_EPC(t0)
    sd      t1, TF_EPC(sp)
    ld      t1, PV_TRAP_STATUS(t0)
    sd      t1, TF_STATUS(sp)
    ld      t2, PV_TRAP_CAUSE(t0)
    sd      t2, TF_CAUSE(sp)
    ld      t2, PV_TRAP_TVAL(t0)
    sd      t2, TF_TVAL(sp)
    mv      a0, sp
    andi    t1, t1, 0x100               /* status.SPP: the guest kernel was interrupted */
    bnez    t1, 1f
    call    user_trap                   /* does not return */
1:  call    kernel_trap
    mv      a0, sp
    li      a7, HC_trap_return
    ecall
