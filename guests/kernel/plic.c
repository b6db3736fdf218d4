/* plic.c - PLIC driver (RISC-V PLIC spec 1.0.0, "Memory Map"). QEMU virt numbers contexts
 * per hart and mode: context 1 is hart 0's S-mode. Every source the kernel uses gets
 * priority 1 and the context's threshold is 0, so any enabled source interrupts. */
#include "bootinfo.h"
#include "plic.h"
#include "mmio.h"

#define PLIC_CONTEXT    1
#define PRIORITY(irq)   (4UL * (irq))
#define ENABLE(ctx)     (0x2000UL + 0x80UL * (ctx))
#define THRESHOLD(ctx)  (0x200000UL + 0x1000UL * (ctx))
#define CLAIM(ctx)      (0x200004UL + 0x1000UL * (ctx))

static uint64_t base;

/* plic_init: remember the PLIC's base and accept every priority in context 1. */
void plic_init(const struct devinfo *d)
{
    base = d->base;
    mmio_write32(base + THRESHOLD(PLIC_CONTEXT), 0);
}

/* plic_enable: priority 1 for source irq and enable it in context 1. */
void plic_enable(int irq)
{
    uint64_t word = base + ENABLE(PLIC_CONTEXT) + 4 * (irq / 32);
    mmio_write32(base + PRIORITY(irq), 1);
    mmio_write32(word, mmio_read32(word) | (1U << (irq % 32)));
}

/* plic_claim: the highest-priority pending source of context 1 (0: none). */
int plic_claim(void)
{
    return (int)mmio_read32(base + CLAIM(PLIC_CONTEXT));
}

/* plic_complete: tell the PLIC the handler of irq is done. */
void plic_complete(int irq)
{
    mmio_write32(base + CLAIM(PLIC_CONTEXT), (uint32_t)irq);
}
