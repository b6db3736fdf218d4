/* bootinfo.h - what the kernel learns from the device tree at boot (fdt.c). */
#ifndef KERNEL_BOOTINFO_H
#define KERNEL_BOOTINFO_H

#include "types.h"

#define MAX_VIRTIO   8
#define BOOTARGS_MAX 512

/* One device: its register window and PLIC source (0 if it has none). */
struct devinfo {
    uint64_t base;
    uint64_t size;
    int irq;
};

struct bootinfo {
    uint64_t ram_base, ram_size;
    uint64_t timebase_hz;             /* /cpus/timebase-frequency */
    char bootargs[BOOTARGS_MAX];      /* /chosen/bootargs, "" if absent */
    struct devinfo uart;              /* compatible "ns16550a" */
    struct devinfo plic;              /* "riscv,plic0" or "sifive,plic-1.0.0" */
    struct devinfo piodisk;           /* "pyvirt,piodisk" (size 0: absent) */
    struct devinfo virtio[MAX_VIRTIO];/* every "virtio,mmio" slot, empty or not */
    int nvirtio;
};

extern struct bootinfo bootinfo;

void fdt_parse(uint64_t dtb, struct bootinfo *bi);

#endif
