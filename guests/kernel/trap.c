/* trap.c - what the kernel does with a trap once trapentry.S (or trapentry_xen.S) saved the
 * registers: system calls, page faults, breakpoints and fatal exceptions from U-mode, and
 * timer and device interrupts from either mode. */
#include "kernel.h"
#include "proc.h"
#include "pvops.h"
#include "riscv.h"

#define MAX_IRQ 64

static void (*irq_handler[MAX_IRQ])(void);

/* irq_register: call handler for device interrupt source irq, and unmask the source. */
void irq_register(int irq, void (*handler)(void))
{
    if (irq <= 0 || irq >= MAX_IRQ)
        panic("bad interrupt source %d", irq);
    irq_handler[irq] = handler;
    pv_ops.irq_unmask(irq);
}

/* external_interrupt: serve every pending device interrupt; returns 1 if one was the
 * timer's (pv_ops.timer_irq: the paravirtual timer is an event). */
static int external_interrupt(void)
{
    int irq, timer = 0;
    while ((irq = pv_ops.irq_claim()) != 0) {
        if (irq < MAX_IRQ && irq_handler[irq])
            irq_handler[irq]();
        timer |= irq == pv_ops.timer_irq;
        pv_ops.irq_complete(irq);
    }
    return timer;
}

/* interrupt: handle the interrupt with scause cause; returns 1 if it was the timer. */
static int interrupt(uint64_t cause)
{
    switch (cause & ~SCAUSE_INTR) {
    case IRQ_S_TIMER:
        timer_tick();
        return 1;
    case IRQ_S_EXT:
        return external_interrupt();
    default:
        panic("unexpected interrupt, scause %lx", cause);
    }
}

/* insn_length: 2 for a compressed instruction at user address epc, else 4. */
static uint64_t insn_length(uint64_t epc)
{
    uint16_t parcel = 3;
    copyin(&curproc->mm, &parcel, epc, sizeof(parcel));
    return (parcel & 3) == 3 ? 4 : 2;
}

/* user_trap: a trap from U-mode; tf is the process's frame. Ends by returning to U-mode. */
void user_trap(struct trapframe *tf)
{
    uint64_t cause = tf->cause;
    if (cause & SCAUSE_INTR) {
        if (interrupt(cause))
            sched_yield();
    } else if (cause == EXC_ECALL_U) {
        tf->epc += 4;
        syscall(tf);
    } else if (cause == EXC_BREAKPOINT) {
        tf->epc += insn_length(tf->epc);     /* an exception round trip: resume after it */
    } else if ((cause == EXC_INSN_PAGE || cause == EXC_LOAD_PAGE || cause == EXC_STORE_PAGE)
               && mm_fault(&curproc->mm, tf->tval, cause) == 0) {
        /* a first touch of a lazily allocated page */
    } else {
        kprintf("pid %d (%s): fatal trap scause=%lx stval=%lx sepc=%lx\n",
                curproc->pid, curproc->name, cause, tf->tval, tf->epc);
        proc_exit(-1);
    }
    user_return(tf);
}

/* kernel_trap: a trap taken in S-mode (the idle loop enables interrupts); only interrupts
 * are expected. */
void kernel_trap(struct trapframe *tf)
{
    if (!(tf->cause & SCAUSE_INTR))
        panic("kernel trap scause=%lx stval=%lx sepc=%lx", tf->cause, tf->tval, tf->epc);
    interrupt(tf->cause);
}

/* user_return: resume the current process in U-mode from tf. */
void user_return(struct trapframe *tf)
{
    pv_ops.user_return(tf);
}
