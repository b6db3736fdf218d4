/* mmio.c - volatile device-register accessors (mmio.h). */
#include "mmio.h"

uint8_t mmio_read8(uint64_t a) { return *(volatile uint8_t *)a; }
void mmio_write8(uint64_t a, uint8_t v) { *(volatile uint8_t *)a = v; }
uint32_t mmio_read32(uint64_t a) { return *(volatile uint32_t *)a; }
void mmio_write32(uint64_t a, uint32_t v) { *(volatile uint32_t *)a = v; }
uint64_t mmio_read64(uint64_t a) { return *(volatile uint64_t *)a; }
void mmio_write64(uint64_t a, uint64_t v) { *(volatile uint64_t *)a = v; }
