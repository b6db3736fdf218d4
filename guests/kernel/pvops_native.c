/* pvops_native.c - pv_ops for bare hardware (and full virtualization): CSR instructions,
 * sfence.vma, wfi, MMIO, the PLIC, the 16550 UART and SBI firmware calls. */
#include "bootinfo.h"
#include "plic.h"
#include "pvops.h"
#include "riscv.h"
#include "sbi.h"
#include "uart.h"

#define csr_write(csr, v) __asm__ volatile("csrw " #csr ", %0" :: "r"(v) : "memory")
#define csr_set(csr, v)   __asm__ volatile("csrs " #csr ", %0" :: "r"(v) : "memory")
#define csr_clear(csr, v) __asm__ volatile("csrc " #csr ", %0" :: "r"(v) : "memory")

void trap_vector(void);
void user_return_native(struct trapframe *tf) NORETURN;

/* native_init: direct-mode stvec, sscratch = 0 (the kernel is running), U-mode may read
 * cycle, time and instret (scounteren CY, TM, IR), PLIC context 1. */
static void native_init(const struct bootinfo *bi)
{
    csr_write(stvec, (uint64_t)trap_vector);
    csr_write(sscratch, 0UL);
    csr_write(scounteren, 7UL);
    plic_init(&bi->plic);
}

/* native_irq_enable: sstatus.SIE = 1. */
static void native_irq_enable(void)
{
    csr_set(sstatus, SSTATUS_SIE);
}

/* native_irq_disable: sstatus.SIE = 0. */
static void native_irq_disable(void)
{
    csr_clear(sstatus, SSTATUS_SIE);
}

/* native_irq_mask_write: csrw sie. */
static void native_irq_mask_write(uint64_t sie)
{
    csr_write(sie, sie);
}

/* native_wait_for_irq: wfi (returns once an interrupt enabled in sie is pending). */
static void native_wait_for_irq(void)
{
    __asm__ volatile("wfi" ::: "memory");
}

/* native_pt_alloc: nothing to do: page-table pages are ordinary memory to the hardware. */
static void native_pt_alloc(pagetable_t t, int level)
{
    (void)t;
    (void)level;
}

/* native_pt_release: nothing to do either. */
static void native_pt_release(pagetable_t t)
{
    (void)t;
}

/* native_set_pte: a plain store. */
static void native_set_pte(pte_t *ptep, pte_t val)
{
    *(volatile pte_t *)ptep = val;
}

/* native_set_ptes: the stores of a batch, then sfence.vma of everything if flush. */
static void native_set_ptes(const struct pte_update *u, int n, int flush)
{
    for (int i = 0; i < n; i++)
        *(volatile pte_t *)u[i].ptep = u[i].val;
    if (flush)
        __asm__ volatile("sfence.vma zero, zero" ::: "memory");
}

/* native_switch_as: csrw satp, then sfence.vma of ASID 0's non-global entries (the kernel
 * map is global and survives, as x86 global pages survive a CR3 write). */
static void native_switch_as(uint64_t satp, uint64_t user_satp)
{
    (void)user_satp;
    __asm__ volatile("csrw satp, %0\n\tsfence.vma zero, %1" :: "r"(satp), "r"(0UL) : "memory");
}

/* native_set_pte_flush: a plain store, then sfence.vma va. */
static void native_set_pte_flush(pte_t *ptep, pte_t val, uint64_t va)
{
    *(volatile pte_t *)ptep = val;
    __asm__ volatile("sfence.vma %0, zero" :: "r"(va) : "memory");
}


const struct pv_ops pv_ops = {
    .name = "native",
    .init = native_init,
    .irq_enable = native_irq_enable,
    .irq_disable = native_irq_disable,
    .irq_mask_write = native_irq_mask_write,
    .wait_for_irq = native_wait_for_irq,
    .user_return = user_return_native,
    .irq_unmask = plic_enable,
    .irq_claim = plic_claim,
    .irq_complete = plic_complete,
    .timer_irq = 0,
    .kmap_page = MEGAPAGE,
    .kmap_leaf = PTE_G,
    .map_devices = 1,
    .user_root = 0,
    .pt_alloc = native_pt_alloc,
    .pt_release = native_pt_release,
    .set_pte = native_set_pte,
    .set_ptes = native_set_ptes,
    .switch_as = native_switch_as,
    .set_pte_flush = native_set_pte_flush,
    .set_timer = sbi_set_timer,
    .console_write = uart_write,
    .shutdown = sbi_system_reset,
};
