/* kbench.c - SYS_kbench: loops of one privileged operation run inside the kernel, timed with
 * rdcycle, for the nanobenchmarks that user code cannot perform itself. */
#include "abi.h"
#include "kernel.h"
#include "mmio.h"
#include "memlayout.h"
#include "proc.h"
#include "pvops.h"
#include "riscv.h"
#include "syscall.h"
#include "uart.h"
#include "vm.h"

/* kbench(op, iterations, arg) -> the cycles the loop took. KB_CSR_WRITE writes sie (its
 * current value); KB_MMIO_IN reads the UART line-status register; KB_PTEMOD rewrites the
 * PTE mapping user address arg (which must be mapped) and sfence.vma's its page. */
long sys_kbench(struct trapframe *tf)
{
    uint64_t op = ARG(tf, 0), iters = ARG(tf, 1), arg = ARG(tf, 2);
    pte_t *pte = 0;
    if (op == KB_PTEMOD) {
        pte = arg < USER_TOP ? walk(curproc->mm.pagetable, arg, 0) : 0;
        if (!pte || !(*pte & PTE_V))
            return -EFAULT;
    } else if (op != KB_CSR_WRITE && op != KB_MMIO_IN) {
        return -EINVAL;
    }
    uint64_t start = rdcycle();
    if (op == KB_CSR_WRITE) {
        for (uint64_t i = 0; i < iters; i++)
            pv_ops.irq_mask_write(SIE_ENABLED);
    } else if (op == KB_MMIO_IN) {
        uint64_t lsr = uart_base() + UART_LSR;
        for (uint64_t i = 0; i < iters; i++)
            (void)mmio_read8(lsr);
    } else {
        uint64_t va = PGROUNDDOWN(arg);
        for (uint64_t i = 0; i < iters; i++)
            pv_ops.set_pte_flush(pte, *pte, va);
    }
    return (long)(rdcycle() - start);
}
