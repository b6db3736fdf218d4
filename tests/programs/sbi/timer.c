/* timer.c - a timer through the TIME extension (and the legacy set_timer):
 * the supervisor timer interrupt arrives after the deadline, once; setting a
 * timer far in the future clears the pending interrupt. */
#include "sbi.h"

static volatile int ticks;
static volatile u64 fired_at;

static void on_timer(void)
{
    fired_at = csr_read(time);
    ticks++;
    /* clear the interrupt: a deadline in the far future */
    sbi_ecall(SBI_EXT_TIME, 0, -1, 0, 0, 0, 0, 0);
}

static int wait_for_tick(int want)
{
    for (long spins = 0; spins < 100000000; spins++) {
        if (ticks >= want)
            return 1;
        asm volatile("wfi");
    }
    return 0;
}

int main(void)
{
    con_puts("== sbi-timer ==\n");
    irq_handler[IRQ_S_TIMER] = on_timer;
    csr_set(sie, SIE_STIE);
    csr_set(sstatus, SSTATUS_SIE);

    u64 deadline = csr_read(time) + 10000;          /* 1 ms at 10 MHz */
    struct sbiret r = sbi_ecall(SBI_EXT_TIME, 0, deadline, 0, 0, 0, 0, 0);
    put_kv("set_timer error", r.error);
    if (wait_for_tick(1)) {
        con_puts("timer ok\n");
        put_yes_no("fired at or after the deadline", fired_at >= deadline);
    } else {
        con_puts("timer: no interrupt\n");
    }
    put_yes_no("STIP clear after re-arming", !(csr_read(sip) & SIE_STIE));

    deadline = csr_read(time) + 5000;
    sbi_legacy(SBI_EXT_LEGACY_SET_TIMER, deadline);
    if (wait_for_tick(2)) {
        con_puts("legacy timer ok\n");
        put_yes_no("fired at or after the deadline", fired_at >= deadline);
    } else {
        con_puts("legacy timer: no interrupt\n");
    }

    /* a deadline in the past fires at once */
    sbi_ecall(SBI_EXT_TIME, 0, 0, 0, 0, 0, 0, 0);
    if (wait_for_tick(3))
        con_puts("past deadline fires: ok\n");
    put_kv("timer interrupts", ticks);
    return 0;
}
