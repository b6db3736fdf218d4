/* plic.h - the platform-level interrupt controller, S-mode context of hart 0. */
#ifndef KERNEL_PLIC_H
#define KERNEL_PLIC_H

struct devinfo;

void plic_init(const struct devinfo *d);
void plic_enable(int irq);
int plic_claim(void);
void plic_complete(int irq);

#endif
