/* ipi.c - IPIs to self through the IPI extension (hart mask, and the "all
 * harts" base -1) and the legacy send_ipi: each raises the supervisor software
 * interrupt, which the handler clears in sip. */
#include "sbi.h"

static volatile int ipis;

static void on_ipi(void)
{
    csr_clear(sip, SIP_SSIP);
    ipis++;
}

static int wait_for(int want)
{
    for (long spins = 0; spins < 10000000; spins++) {
        if (ipis >= want)
            return 1;
        asm volatile("wfi");
    }
    return 0;
}

int main(void)
{
    con_puts("== sbi-ipi ==\n");
    irq_handler[IRQ_S_SOFT] = on_ipi;
    csr_set(sie, SIE_SSIE);
    csr_set(sstatus, SSTATUS_SIE);

    struct sbiret r = sbi_ecall(SBI_EXT_IPI, 0, 1, 0, 0, 0, 0, 0);     /* mask 1, base 0 */
    put_kv("send_ipi error", r.error);
    con_puts(wait_for(1) ? "ipi ok\n" : "ipi: no interrupt\n");

    /* hart_mask_base 1: hart 1 does not exist (SBI 2.0: SBI_ERR_INVALID_PARAM) */
    put_kv("send_ipi (hart 1) error", sbi_ecall(SBI_EXT_IPI, 0, 1, 1, 0, 0, 0, 0).error);
    put_kv("after the invalid send_ipi", ipis);

    r = sbi_ecall(SBI_EXT_IPI, 0, 0, -1, 0, 0, 0, 0);                   /* all harts */
    put_kv("send_ipi (all harts) error", r.error);
    con_puts(wait_for(2) ? "ipi broadcast ok\n" : "ipi broadcast: no interrupt\n");

    /* interrupts masked: the IPI stays pending in sip until enabled */
    csr_clear(sstatus, SSTATUS_SIE);
    static u64 mask = 1;
    sbi_legacy(SBI_EXT_LEGACY_SEND_IPI, (long)&mask);
    for (volatile int i = 0; i < 1000; i++)
        ;
    put_yes_no("legacy ipi pending in sip", (csr_read(sip) & SIP_SSIP) != 0);
    put_kv("handled while masked", ipis - 2);
    csr_set(sstatus, SSTATUS_SIE);
    con_puts(wait_for(3) ? "legacy ipi ok\n" : "legacy ipi: no interrupt\n");
    /* legacy clear_ipi clears a pending SSIP */
    csr_clear(sstatus, SSTATUS_SIE);
    sbi_ecall(SBI_EXT_IPI, 0, 1, 0, 0, 0, 0, 0);
    for (volatile int i = 0; i < 1000; i++)
        ;
    put_yes_no("pending before clear_ipi", (csr_read(sip) & SIP_SSIP) != 0);
    sbi_legacy(SBI_EXT_LEGACY_CLEAR_IPI, 0);
    put_yes_no("pending after clear_ipi", (csr_read(sip) & SIP_SSIP) != 0);
    csr_set(sstatus, SSTATUS_SIE);
    put_kv("software interrupts", ipis);
    return 0;
}
