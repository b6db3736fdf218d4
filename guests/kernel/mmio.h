/* mmio.h - device-register accessors (mmio.c). Both builds use them: natively the devices are
 * mapped; under pv they are not, so an access traps and the hypervisor emulates it (the pv
 * block driver avoids them). */
#ifndef KERNEL_MMIO_H
#define KERNEL_MMIO_H

#include "types.h"

uint8_t mmio_read8(uint64_t a);
void mmio_write8(uint64_t a, uint8_t v);
uint32_t mmio_read32(uint64_t a);
void mmio_write32(uint64_t a, uint32_t v);
uint64_t mmio_read64(uint64_t a);
void mmio_write64(uint64_t a, uint64_t v);

#endif
