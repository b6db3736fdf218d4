/* pvops_xen.c - pv_ops for the paravirtual build (CONFIG_PARAVIRT): the kernel runs
 * deprivileged and asks the hypervisor through hypercalls (hypercall.h; the ABI in
 * docs/hypercall-abi.md). Virtual interrupt state lives in a shared page the kernel reads
 * and writes without a hypercall; device interrupts arrive on event channels bound to their
 * PLIC source numbers; page-table pages are pinned (read-only to the guest) and every PTE
 * store is an mmu_update. Device registers are not mapped: an access traps to the
 * hypervisor, which emulates it (the paravirtual block driver is the fast path). */
#include "bootinfo.h"
#include "hypercall.h"
#include "kernel.h"
#include "pvops.h"
#include "riscv.h"
#include "trapframe.h"
#include "vm.h"

_Static_assert(__builtin_offsetof(struct pv_shared, trap) == PV_SHARED_TRAP, "shared page layout");
_Static_assert(sizeof(struct pte_update) == sizeof(struct mmu_update), "a batch is an mmu_update array");

#define MAX_IRQ 64
#define PV_TIMER_IRQ 62                      /* the kernel's interrupt numbers for VIRQ_TIMER */
#define PV_CONSOLE_IRQ 61                    /* and VIRQ_CONSOLE */

struct pv_shared pv_shared __attribute__((aligned(4096)));
static uint16_t irq_port[MAX_IRQ];           /* device interrupt -> event port (0: unbound) */
static uint8_t port_irq[PV_NR_EVTCHN];       /* event port -> device interrupt */
static uint8_t irq_is_pirq[MAX_IRQ];         /* a PLIC source (eoi), not a backend's event */

void trap_vector_xen(void);

/* hypercall: ecall with a7 = op and up to three arguments; returns a0. */
static long hypercall(uint64_t op, uint64_t arg0, uint64_t arg1, uint64_t arg2)
{
    register uint64_t a0 __asm__("a0") = arg0;
    register uint64_t a1 __asm__("a1") = arg1;
    register uint64_t a2 __asm__("a2") = arg2;
    register uint64_t a7 __asm__("a7") = op;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
    return (long)a0;
}

/* xen_console_intr: console input waits at the hypervisor: take all of it. */
static void xen_console_intr(void)
{
    char buf[64];
    long n;
    while ((n = hypercall(HC_console_io, CONSOLEIO_read, sizeof(buf), (uint64_t)buf)) > 0)
        for (long i = 0; i < n; i++)
            console_input(buf[i]);
}

/* bind_virq: deliver virtual interrupt virq as kernel interrupt irq (still masked). */
static void bind_virq(uint32_t virq, int irq)
{
    struct evtchn_bind_pirq bind = { virq, 0 };
    if (hypercall(HC_event_channel_op, EVTCHNOP_bind_virq, (uint64_t)&bind, 0) < 0)
        panic("cannot bind virtual interrupt %u to an event channel", virq);
    xen_bind_port(bind.port, irq);
}

/* xen_init: register the trap entry and the shared page (every event port starts masked);
 * the timer (PV_TIMER_IRQ) and console input (PV_CONSOLE_IRQ) arrive as events.
 * Without a hypervisor that accepts them there is no console either: stop (wfi with
 * nothing to wake it, which pyvirt reports, or a trap to the hypervisor). */
static void xen_init(const struct bootinfo *bi)
{
    (void)bi;
    pv_shared.upcall_mask = 1;
    for (unsigned i = 0; i < ARRAY_SIZE(pv_shared.evtchn_mask); i++)
        pv_shared.evtchn_mask[i] = ~0UL;
    if (hypercall(HC_set_callbacks, (uint64_t)trap_vector_xen, (uint64_t)&pv_shared, 0) < 0)
        for (;;)
            __asm__ volatile("wfi");
    bind_virq(VIRQ_TIMER, PV_TIMER_IRQ);
    bind_virq(VIRQ_CONSOLE, PV_CONSOLE_IRQ);
    irq_register(PV_CONSOLE_IRQ, xen_console_intr);
}

/* xen_irq_enable: unmask virtual interrupts; have anything already pending delivered. */
static void xen_irq_enable(void)
{
    pv_shared.upcall_mask = 0;
    fence();
    if (*(volatile uint8_t *)&pv_shared.upcall_pending)
        hypercall(HC_sched_op, SCHEDOP_check, 0, 0);
}

/* xen_irq_disable: mask virtual interrupts (a store to the shared page). */
static void xen_irq_disable(void)
{
    pv_shared.upcall_mask = 1;
    fence();
}

/* xen_irq_mask_write: the virtual sie (a store to the shared page). */
static void xen_irq_mask_write(uint64_t sie)
{
    *(volatile uint64_t *)&pv_shared.vsie = sie;
}

/* xen_wait_for_irq: block until an enabled virtual interrupt is pending (wfi). */
static void xen_wait_for_irq(void)
{
    hypercall(HC_sched_op, SCHEDOP_block, 0, 0);
}

/* xen_user_return: enter guest user mode from tf; the next user trap pushes its frame at
 * tf again (kernel_sp is the sscratch analogue). */
static NORETURN void xen_user_return(struct trapframe *tf)
{
    pv_shared.kernel_sp = (uint64_t)tf + TF_SIZE;
    tf->status = SSTATUS_SPIE;
    hypercall(HC_trap_return, (uint64_t)tf, 0, 0);
    for (;;)
        ;
}

/* xen_bind_port: deliver event port as interrupt irq (still masked). */
void xen_bind_port(unsigned port, int irq)
{
    if (port == 0 || port >= PV_NR_EVTCHN || irq <= 0 || irq >= MAX_IRQ)
        panic("cannot bind event port %u to interrupt %d", port, irq);
    irq_port[irq] = (uint16_t)port;
    port_irq[port] = (uint8_t)irq;
}

/* xen_irq_unmask: unmask irq's event port, first binding device interrupt irq to a new
 * port unless a split driver bound it already. */
static void xen_irq_unmask(int irq)
{
    struct evtchn_bind_pirq bind = { (uint32_t)irq, 0 };
    if (irq <= 0 || irq >= MAX_IRQ)
        panic("bad interrupt %d", irq);
    if (!irq_port[irq]) {
        if (hypercall(HC_event_channel_op, EVTCHNOP_bind_pirq, (uint64_t)&bind, 0) < 0)
            panic("cannot bind interrupt %d to an event channel", irq);
        xen_bind_port(bind.port, irq);
        irq_is_pirq[irq] = 1;
    }
    unsigned port = irq_port[irq];
    __atomic_fetch_and(&pv_shared.evtchn_mask[port / 64], ~(1UL << (port % 64)), __ATOMIC_SEQ_CST);
}

/* xen_irq_claim: take the lowest pending unmasked port; its device interrupt, or 0. */
static int xen_irq_claim(void)
{
    for (unsigned w = 0; w < ARRAY_SIZE(pv_shared.evtchn_pending); w++) {
        uint64_t ready = *(volatile uint64_t *)&pv_shared.evtchn_pending[w] & ~pv_shared.evtchn_mask[w];
        if (ready) {
            unsigned bit = 0;
            while (!(ready & (1UL << bit)))
                bit++;
            __atomic_fetch_and(&pv_shared.evtchn_pending[w], ~(1UL << bit), __ATOMIC_SEQ_CST);
            return port_irq[w * 64 + bit];
        }
    }
    return 0;
}

/* xen_irq_complete: end-of-interrupt for a device interrupt's port (a backend's event
 * needs none). */
static void xen_irq_complete(int irq)
{
    struct evtchn_port p = { irq_port[irq] };
    if (irq_is_pirq[irq])
        hypercall(HC_event_channel_op, EVTCHNOP_eoi, (uint64_t)&p, 0);
}

/* xen_evtchn_send: notify the other end of event port. */
void xen_evtchn_send(unsigned port)
{
    struct evtchn_port p = { port };
    if (hypercall(HC_event_channel_op, EVTCHNOP_send, (uint64_t)&p, 0) < 0)
        panic("event send on port %u refused", port);
}

/* xen_ring_setup: share pages at ring with device's backend; its event port, or -errno. */
long xen_ring_setup(int device, void *ring, int pages)
{
    return hypercall(HC_ring_setup, (uint64_t)device, (uint64_t)ring, (uint64_t)pages);
}

/* direct_pte: the kernel-map PTE that maps RAM page pa (the kernel map uses 4 KiB pages in
 * this build). */
static pte_t *direct_pte(uint64_t pa)
{
    pagetable_t t = (pagetable_t)((kvm_satp() & ((1UL << 44) - 1)) << PGSHIFT);
    for (int level = 2; level > 0; level--)
        t = (pagetable_t)PTE2PA(t[PX(level, pa)]);
    return &t[PX(0, pa)];
}

/* pin: pin (cmd MMUEXT_PIN_L0 + level) or unpin page t, and make the kernel's own mapping
 * of it read-only before pinning or writable (PTE_W) after unpinning, in one multicall. */
static void pin(pagetable_t t, int cmd, uint64_t writable)
{
    pte_t *d = direct_pte((uint64_t)t);
    struct mmu_update u = { (uint64_t)d, (*d & ~PTE_W) | writable };
    struct multicall_entry calls[3] = {
        { HC_mmu_update, { (uint64_t)&u, 1, 0 }, 0 },
        { HC_tlb_flush, { (uint64_t)t, TLB_FLUSH_PAGE }, 0 },
        { HC_mmuext_op, { cmd, (uint64_t)t }, 0 },
    };
    /* pin: write-protect first; unpin: unpin first, then make writable */
    if (cmd == MMUEXT_UNPIN_TABLE) {
        struct multicall_entry first = calls[2];
        calls[2] = calls[1];
        calls[1] = calls[0];
        calls[0] = first;
    }
    if (hypercall(HC_multicall, (uint64_t)calls, 3, 0) < 0 || calls[0].result < 0 ||
        calls[1].result < 0 || calls[2].result < 0)
        panic("cannot %s page table %p", cmd == MMUEXT_UNPIN_TABLE ? "unpin" : "pin", t);
}

/* xen_pt_alloc: t becomes a page table of level: read-only in the kernel map, pinned. */
static void xen_pt_alloc(pagetable_t t, int level)
{
    pin(t, MMUEXT_PIN_L0 + level, 0);
}

/* xen_pt_release: t stops being a page table: unpinned, writable again. */
static void xen_pt_release(pagetable_t t)
{
    pin(t, MMUEXT_UNPIN_TABLE, PTE_W);
}

/* xen_set_pte: one validated PTE update. */
static void xen_set_pte(pte_t *ptep, pte_t val)
{
    struct mmu_update u = { (uint64_t)ptep, val };
    if (hypercall(HC_mmu_update, (uint64_t)&u, 1, 0) < 0)
        panic("mmu_update %p = %lx refused", ptep, val);
}

/* xen_set_ptes: a batch of PTE updates in one hypercall; with flush, a multicall that
 * also flushes the TLB. */
static void xen_set_ptes(const struct pte_update *u, int n, int flush)
{
    struct multicall_entry calls[2] = {
        { HC_mmu_update, { (uint64_t)u, (uint64_t)n, 0 }, 0 },
        { HC_tlb_flush, { 0, TLB_FLUSH_ALL }, 0 },
    };
    long r = flush ? hypercall(HC_multicall, (uint64_t)calls, 2, 0)
                   : hypercall(HC_mmu_update, (uint64_t)u, (uint64_t)n, 0);
    if (r < 0 || calls[0].result < 0)
        panic("mmu_update batch of %d refused", n);
}

/* xen_switch_as: load pinned root tables for kernel and user mode; flush the TLB. */
static void xen_switch_as(uint64_t satp, uint64_t user_satp)
{
    if (hypercall(HC_switch_as, satp, SWITCH_AS_FLUSH, user_satp) < 0)
        panic("switch_as %lx refused", satp);
}

/* xen_set_pte_flush: one validated PTE update and the flush of va, in one hypercall. */
static void xen_set_pte_flush(pte_t *ptep, pte_t val, uint64_t va)
{
    if (hypercall(HC_update_va_mapping, (uint64_t)ptep, val, va) < 0)
        panic("update_va_mapping %p = %lx refused", ptep, val);
}

/* xen_set_timer: a virtual timer interrupt at mtime deadline. */
static void xen_set_timer(uint64_t deadline)
{
    hypercall(HC_set_timer, deadline, 0, 0);
}

/* xen_console_write: the hypervisor console. */
static void xen_console_write(const char *s, size_t n)
{
    hypercall(HC_console_io, CONSOLEIO_write, n, (uint64_t)s);
}

/* xen_shutdown: power off (a crash if failure). */
static NORETURN void xen_shutdown(int failure)
{
    hypercall(HC_sched_op, SCHEDOP_shutdown, failure ? SHUTDOWN_crash : SHUTDOWN_poweroff, 0);
    for (;;)
        ;
}


const struct pv_ops pv_ops = {
    .name = "pv",
    .init = xen_init,
    .irq_enable = xen_irq_enable,
    .irq_disable = xen_irq_disable,
    .irq_mask_write = xen_irq_mask_write,
    .wait_for_irq = xen_wait_for_irq,
    .user_return = xen_user_return,
    .irq_unmask = xen_irq_unmask,
    .irq_claim = xen_irq_claim,
    .irq_complete = xen_irq_complete,
    .timer_irq = PV_TIMER_IRQ,
    .kmap_page = PGSIZE,
    .kmap_leaf = PTE_U,
    .map_devices = 0,
    .user_root = 1,
    .pt_alloc = xen_pt_alloc,
    .pt_release = xen_pt_release,
    .set_pte = xen_set_pte,
    .set_ptes = xen_set_ptes,
    .switch_as = xen_switch_as,
    .set_pte_flush = xen_set_pte_flush,
    .set_timer = xen_set_timer,
    .console_write = xen_console_write,
    .shutdown = xen_shutdown,
};
