/* mmio.c - volatile device-register accessors, the io_* entries of both pv-ops tables: in the
 * native build the devices are mapped; in the pv build they are not, so these accesses trap
 * and the hypervisor emulates them. */
#include "types.h"
#include "pvops.h"

uint8_t mmio_read8(uint64_t a) { return *(volatile uint8_t *)a; }
void mmio_write8(uint64_t a, uint8_t v) { *(volatile uint8_t *)a = v; }
uint32_t mmio_read32(uint64_t a) { return *(volatile uint32_t *)a; }
void mmio_write32(uint64_t a, uint32_t v) { *(volatile uint32_t *)a = v; }
uint64_t mmio_read64(uint64_t a) { return *(volatile uint64_t *)a; }
void mmio_write64(uint64_t a, uint64_t v) { *(volatile uint64_t *)a = v; }
