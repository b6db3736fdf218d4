/* timer.c - the periodic supervisor timer interrupt that drives preemption: every
 * 1/TICK_HZ s of mtime the kernel re-arms the timer (SBI set_timer or its pv equivalent). */
#include "kernel.h"
#include "pvops.h"
#include "riscv.h"

#define TICK_HZ 1000

static uint64_t interval;          /* mtime ticks per timer interrupt */

/* timer_init: arm the first timer interrupt, one interval from now (the paravirtual timer
 * arrives as an event on interrupt pv_ops.timer_irq). */
void timer_init(uint64_t timebase_hz)
{
    interval = timebase_hz / TICK_HZ;
    if (pv_ops.timer_irq)
        irq_register(pv_ops.timer_irq, timer_tick);
    pv_ops.set_timer(rdtime() + interval);
}

/* timer_tick: a timer interrupt arrived: arm the next one (which also clears sip.STIP). */
void timer_tick(void)
{
    pv_ops.set_timer(rdtime() + interval);
}
