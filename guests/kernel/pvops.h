/* pvops.h - the one table through which the kernel performs every privileged operation.
 *
 * The native build (pvops_native.c) implements it with CSR instructions, sfence.vma and SBI
 * calls; the paravirtual build (CONFIG_PARAVIRT, pvops_xen.c) with hypercalls as
 * docs/hypercall-abi.md describes. The rest of the kernel never executes a privileged
 * instruction itself. (rdcycle and rdtime are unprivileged counter reads: riscv.h; device
 * registers are plain loads and stores in both builds: mmio.h.) */
#ifndef KERNEL_PVOPS_H
#define KERNEL_PVOPS_H

#include "types.h"

struct trapframe;
struct bootinfo;

/* One PTE store of a batch: *ptep = val. */
struct pte_update {
    pte_t *ptep;
    pte_t val;
};

struct pv_ops {
    const char *name;

    /* traps and interrupts */
    void (*init)(const struct bootinfo *bi);          /* trap entry, interrupt controller */
    void (*irq_enable)(void);                         /* sstatus.SIE = 1 */
    void (*irq_disable)(void);                        /* sstatus.SIE = 0 */
    void (*irq_mask_write)(uint64_t sie);             /* write sie (timer/external enables) */
    void (*wait_for_irq)(void);                       /* wfi: idle until an interrupt is pending */
    void (*user_return)(struct trapframe *tf) NORETURN; /* restore tf and enter U-mode */
    void (*irq_unmask)(int irq);                      /* enable a device interrupt source */
    int (*irq_claim)(void);                           /* next pending device interrupt, 0 if none */
    void (*irq_complete)(int irq);                    /* acknowledge a claimed interrupt */
    int timer_irq;                                    /* the timer's interrupt source, or 0: sip.STI */

    /* memory management */
    uint64_t kmap_page;                               /* page size of the kernel's RAM map */
    uint64_t kmap_leaf;                               /* extra bits of the kernel map's leaves */
    int map_devices;                                  /* whether the kernel maps device registers */
    int user_root;                                    /* whether user mode runs on its own root */
    void (*pt_alloc)(pagetable_t t, int level);       /* t (filled in) becomes a table of level */
    void (*pt_release)(pagetable_t t);                /* t (unused) stops being a page table */
    void (*set_pte)(pte_t *ptep, pte_t val);          /* one PTE store in a page table */
    void (*set_ptes)(const struct pte_update *u, int n, int flush); /* batch; flush: TLB after */
    void (*switch_as)(uint64_t satp, uint64_t user_satp); /* load satp, flush non-global entries */
    void (*set_pte_flush)(pte_t *ptep, pte_t val, uint64_t va); /* set_pte, then sfence.vma va */

    /* time, console, power */
    void (*set_timer)(uint64_t deadline);             /* next timer interrupt at mtime deadline */
    void (*console_write)(const char *s, size_t n);
    void (*shutdown)(int failure) NORETURN;           /* power off: failure 0 = clean shutdown */
};

extern const struct pv_ops pv_ops;

#endif
