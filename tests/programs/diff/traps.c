/*
 * traps.c - exceptions and interrupts, with what the hardware reports.
 *
 * Exceptions in M, S and U (illegal instructions, ecall, ebreak, access
 * faults at an unmapped physical address, privileged instructions and
 * CSRs used from too low a privilege), first all into M, then with
 * medeleg sending some to S; interrupts: CLINT software and timer into M,
 * delegated SSIP and Sstc STIP into S, an undelegated S interrupt taken
 * in M from U.  For each trap the handler prints the mode that took it,
 * xcause, xtval, the trapping pc relative to the instruction that was
 * meant to trap, and the previous privilege; then it skips the
 * instruction.  For interrupts only the cause and previous privilege are
 * printed: where exactly an interrupt is taken may legitimately differ.
 * An ebreak's xtval may be 0 or the pc; it is printed as such.
 */
#include "lib.h"

volatile uint64_t trap_site;        /* the instruction meant to trap */
static volatile int irq_seen;

/* Record the address of `insn`, then execute it.  a7 is zeroed so that
 * an ecall site is never mistaken for the SYS_EXIT request. */
#define AT_SITE(insn) \
    asm volatile("li a7, 0\n\tla t0, 1f\n\tsd t0, trap_site, t1\n1:\t" insn \
                 ::: "a7", "t0", "t1", "memory")

static uint64_t ustack[512] __attribute__((aligned(16)));
static uint64_t sstack[512] __attribute__((aligned(16)));
#define USTACK ((uint64_t)&ustack[512])
#define SSTACK ((uint64_t)&sstack[512])

static const char *prv_name(uint64_t p)
{
    return p == PRV_M ? "M" : p == PRV_S ? "S" : "U";
}

static void report(const char *mode, struct trap_frame *f, uint64_t prev)
{
    print(mode);
    print(" trap cause=");
    print_hex(f->cause);
    if (!(f->cause & CAUSE_INTERRUPT)) {
        print(" tval=");
        if (f->cause == CAUSE_BREAKPOINT && (f->tval == 0 || f->tval == f->epc))
            print("0-or-pc");
        else
            print_hex(f->tval);
        print(" epc=site+");
        print_hex(f->epc - trap_site);
    }
    print(" from ");
    print(prv_name(prev));
    uart_putc('\n');
}

/* Remove the source of an interrupt and count it.  `in_m`: running in
 * M-mode, where SSIP is cleared through mip (sip only shows it when it
 * is delegated). */
static void clear_interrupt(uint64_t cause, int in_m)
{
    switch (cause & ~CAUSE_INTERRUPT) {
    case IRQ_M_SOFT:  *(volatile uint32_t *)CLINT_MSIP = 0; break;
    case IRQ_M_TIMER: *(volatile uint64_t *)CLINT_MTIMECMP = -1; break;
    case IRQ_S_SOFT:
        if (in_m)
            csr_clear(mip, MIP_SSIP);
        else
            csr_clear(sip, MIP_SSIP);
        break;
    case IRQ_S_TIMER: asm volatile("csrw 0x14d, %0" :: "r"(-1L)); break;
    }
    irq_seen++;
}

void handle_mtrap(struct trap_frame *f)
{
    if (is_exit_ecall(f)) {
        m_resume_frame(f);
        return;
    }
    report("M", f, (f->status & MSTATUS_MPP) >> 11);
    if (f->cause & CAUSE_INTERRUPT) {
        clear_interrupt(f->cause, 1);
        return;
    }
    f->epc += insn_length(f->epc);
}

void handle_strap(struct trap_frame *f)
{
    if (is_exit_ecall(f)) {
        /* Not ours to handle: pass the exit on to M-mode. */
        register uint64_t a0 asm("a0") = f->regs[10];
        asm volatile("li a7, %1\n\tecall" :: "r"(a0), "i"(SYS_EXIT) : "a7");
    }
    report("S", f, (f->status & MSTATUS_SPP) ? PRV_S : PRV_U);
    if (f->cause & CAUSE_INTERRUPT) {
        clear_interrupt(f->cause, 0);
        return;
    }
    f->epc += insn_length(f->epc);
}

/* ---- exceptions in each privilege ------------------------------------ */

static void m_exceptions(void)
{
    print("-- M-mode exceptions\n");
    AT_SITE(".word 0x0000000b");             /* custom-0 */
    AT_SITE(".word 0xfe000033");             /* OP, funct7 0x7f */
    AT_SITE(".half 0x0000");                 /* defined illegal */
    AT_SITE("csrw mhartid, zero");           /* read-only CSR */
    AT_SITE("csrr t0, 0x600");               /* hstatus: no H */
    AT_SITE("ecall");
    AT_SITE("ebreak");
    AT_SITE("c.ebreak");
    AT_SITE("ld t0, 0(zero)");               /* nothing at physical 0 */
    AT_SITE("sw zero, 0(zero)");
}

static uint64_t u_exceptions(uint64_t arg)
{
    AT_SITE("ecall");
    AT_SITE("csrr t0, sstatus");
    AT_SITE("csrr t0, mstatus");
    AT_SITE("csrr t0, cycle");               /* mcounteren = 0 */
    AT_SITE("mret");
    AT_SITE("sret");
    AT_SITE("wfi");
    AT_SITE("sfence.vma");
    AT_SITE("ebreak");
    return arg + 1;
}

static uint64_t s_exceptions(uint64_t arg)
{
    AT_SITE("ecall");
    AT_SITE("csrr t0, mscratch");
    AT_SITE("mret");
    AT_SITE("sret");                         /* TSR = 1 */
    AT_SITE("wfi");                          /* TW = 1 */
    AT_SITE("csrr t0, cycle");               /* mcounteren = 0 */
    AT_SITE("ebreak");
    return arg + 2;
}

/* ---- interrupts ------------------------------------------------------- */

/*
 * Wait for the handler to count an interrupt, in M or S: sleep with the
 * interrupt globally disabled (wfi still wakes for a pending enabled one),
 * then open the window for exactly one instruction.  Checking with
 * interrupts enabled and then sleeping could miss the wake-up.
 */
static void m_wait_irq(int before)
{
    while (irq_seen == before) {
        asm volatile("wfi");
        csr_set(mstatus, MSTATUS_MIE);
        csr_clear(mstatus, MSTATUS_MIE);
    }
}

static void s_wait_irq(int before)
{
    while (irq_seen == before) {
        asm volatile("wfi");
        csr_set(sstatus, MSTATUS_SIE);
        csr_clear(sstatus, MSTATUS_SIE);
    }
}

static uint64_t s_wait_ssip(uint64_t arg)
{
    int before = irq_seen;
    csr_set(sie, MIP_SSIP);
    s_wait_irq(before);
    return arg;
}

static uint64_t s_wait_stimer(uint64_t arg)
{
    int before = irq_seen;
    csr_set(sie, MIP_STIP);
    asm volatile("csrw 0x14d, zero");        /* stimecmp = 0: due now */
    s_wait_irq(before);
    return arg;
}

/* The interrupt may arrive on the very first U instruction, so the count
 * to wait past is taken before entering U. */
static uint64_t u_spin(uint64_t before)
{
    while (irq_seen == (int)before)
        ;
    return 3;
}

int main(void)
{
    print("traps: exceptions and interrupts\n");
    m_exceptions();

    print("-- U-mode exceptions, all to M\n");
    print_kv("exit", m_enter(PRV_U, (void (*)(uint64_t))u_exceptions, 40, USTACK));

    print("-- S-mode exceptions, all to M (TSR=1, TW=1)\n");
    csr_set(mstatus, MSTATUS_TSR | MSTATUS_TW);
    print_kv("exit", m_enter(PRV_S, (void (*)(uint64_t))s_exceptions, 40, SSTACK));
    csr_clear(mstatus, MSTATUS_TSR | MSTATUS_TW);

    print("-- U-mode exceptions, ecall/illegal/breakpoint delegated to S\n");
    csr_write(medeleg, (1 << CAUSE_USER_ECALL) | (1 << CAUSE_ILLEGAL_INSTRUCTION) |
                       (1 << CAUSE_BREAKPOINT));
    print_kv("exit", m_enter(PRV_U, (void (*)(uint64_t))u_exceptions, 50, USTACK));
    csr_write(medeleg, 0);
    reset_strap_stack();
    print_kv("mstatus.MPP after exit", (csr_read(mstatus) & MSTATUS_MPP) >> 11);

    print("-- interrupts\n");
    int before = irq_seen;
    csr_write(mie, MIP_MSIP);
    *(volatile uint32_t *)CLINT_MSIP = 1;
    m_wait_irq(before);

    before = irq_seen;
    csr_write(mie, MIP_MTIP);
    *(volatile uint64_t *)CLINT_MTIMECMP = 0;
    m_wait_irq(before);

    /* SSIP delegated, raised by M before entering S. */
    csr_write(mideleg, MIP_SSIP | MIP_STIP);
    csr_write(mie, MIP_SSIP | MIP_STIP);
    csr_set(mip, MIP_SSIP);
    print_kv("exit", m_enter(PRV_S, (void (*)(uint64_t))s_wait_ssip, 1, SSTACK));

    /* Sstc: S programs its own timer. */
    csr_write(mcounteren, COUNTEREN_TM);
    asm volatile("csrs 0x30a, %0" :: "r"(MENVCFG_STCE));
    print_kv("exit", m_enter(PRV_S, (void (*)(uint64_t))s_wait_stimer, 2, SSTACK));
    asm volatile("csrc 0x30a, %0" :: "r"(MENVCFG_STCE));

    /* Not delegated: an S-level interrupt pending while in U goes to M. */
    csr_write(mideleg, 0);
    csr_write(mie, MIP_SSIP);
    csr_set(mip, MIP_SSIP);
    print_kv("exit", m_enter(PRV_U, (void (*)(uint64_t))u_spin, irq_seen, USTACK));
    csr_write(mie, 0);

    print_kv("interrupts seen", irq_seen);
    sig_put64(0, irq_seen);
    sig_put64(1, csr_read(medeleg));
    sig_put64(2, csr_read(mideleg));
    return 0;
}
