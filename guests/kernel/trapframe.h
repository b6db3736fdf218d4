/* trapframe.h - the register frame saved on every trap, shared by C and assembly.
 * Slot n (0..31) holds register xn (slot 0 is unused); then sepc, sstatus, scause, stval.
 * A process's frame sits at the top of its kernel stack; the kernel's C stack grows below.
 * Assembly gets the offsets and the SAVE_REGS / RESTORE_REGS macros. */
#ifndef KERNEL_TRAPFRAME_H
#define KERNEL_TRAPFRAME_H

#define TF_REG(n)  ((n) * 8)
#define TF_EPC     256
#define TF_STATUS  264
#define TF_CAUSE   272
#define TF_TVAL    280
#define TF_SIZE    288          /* a multiple of 16: the stack below stays aligned */

#ifdef __ASSEMBLER__
/* Save x1 and x3..x31 (everything but sp) into the frame at sp. */
.macro SAVE_REGS
    sd      x1, TF_REG(1)(sp)
    sd      x3, TF_REG(3)(sp)
    sd      x4, TF_REG(4)(sp)
    sd      x5, TF_REG(5)(sp)
    sd      x6, TF_REG(6)(sp)
    sd      x7, TF_REG(7)(sp)
    sd      x8, TF_REG(8)(sp)
    sd      x9, TF_REG(9)(sp)
    sd      x10, TF_REG(10)(sp)
    sd      x11, TF_REG(11)(sp)
    sd      x12, TF_REG(12)(sp)
    sd      x13, TF_REG(13)(sp)
    sd      x14, TF_REG(14)(sp)
    sd      x15, TF_REG(15)(sp)
    sd      x16, TF_REG(16)(sp)
    sd      x17, TF_REG(17)(sp)
    sd      x18, TF_REG(18)(sp)
    sd      x19, TF_REG(19)(sp)
    sd      x20, TF_REG(20)(sp)
    sd      x21, TF_REG(21)(sp)
    sd      x22, TF_REG(22)(sp)
    sd      x23, TF_REG(23)(sp)
    sd      x24, TF_REG(24)(sp)
    sd      x25, TF_REG(25)(sp)
    sd      x26, TF_REG(26)(sp)
    sd      x27, TF_REG(27)(sp)
    sd      x28, TF_REG(28)(sp)
    sd      x29, TF_REG(29)(sp)
    sd      x30, TF_REG(30)(sp)
    sd      x31, TF_REG(31)(sp)
.endm

/* Restore x1 and x3..x31 from the frame at \base (\base itself last). */
.macro RESTORE_REGS base
    ld      x1, TF_REG(1)(\base)
    ld      x3, TF_REG(3)(\base)
    ld      x4, TF_REG(4)(\base)
    ld      x5, TF_REG(5)(\base)
    ld      x6, TF_REG(6)(\base)
    ld      x7, TF_REG(7)(\base)
    ld      x8, TF_REG(8)(\base)
    ld      x9, TF_REG(9)(\base)
    ld      x11, TF_REG(11)(\base)
    ld      x12, TF_REG(12)(\base)
    ld      x13, TF_REG(13)(\base)
    ld      x14, TF_REG(14)(\base)
    ld      x15, TF_REG(15)(\base)
    ld      x16, TF_REG(16)(\base)
    ld      x17, TF_REG(17)(\base)
    ld      x18, TF_REG(18)(\base)
    ld      x19, TF_REG(19)(\base)
    ld      x20, TF_REG(20)(\base)
    ld      x21, TF_REG(21)(\base)
    ld      x22, TF_REG(22)(\base)
    ld      x23, TF_REG(23)(\base)
    ld      x24, TF_REG(24)(\base)
    ld      x25, TF_REG(25)(\base)
    ld      x26, TF_REG(26)(\base)
    ld      x27, TF_REG(27)(\base)
    ld      x28, TF_REG(28)(\base)
    ld      x29, TF_REG(29)(\base)
    ld      x30, TF_REG(30)(\base)
    ld      x31, TF_REG(31)(\base)
    ld      x10, TF_REG(10)(\base)
.endm
#else
#include "types.h"

struct trapframe {
    uint64_t regs[32];          /* x0..x31: sp = 2, a0..a7 = 10..17 */
    uint64_t epc;
    uint64_t status;
    uint64_t cause;
    uint64_t tval;
};

#define REG_SP 2
#define REG_A0 10
#define REG_A7 17

_Static_assert(sizeof(struct trapframe) == TF_SIZE, "trapframe layout");
#endif

#endif
