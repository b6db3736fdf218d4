/* main.c - kmain: bring the kernel up and start process 1. */
#include "blk.h"
#include "bootinfo.h"
#include "kernel.h"
#include "proc.h"
#include "pvops.h"
#include "riscv.h"
#include "uart.h"
#include "vm.h"

struct bootinfo bootinfo;
extern char __kernel_end[];

/* kmain: entered from entry.S on the boot stack in S-mode, MMU off, interrupts off. Reads
 * the device tree, sets up memory, paging, traps and devices, creates process 1 and
 * becomes the idle thread. The device tree is not needed after fdt_parse, so all RAM
 * above the kernel image goes to the page allocator. */
void kmain(uint64_t hartid, uint64_t dtb)
{
    (void)hartid;
    fdt_parse(dtb, &bootinfo);
    kalloc_init((uint64_t)__kernel_end, bootinfo.ram_base + bootinfo.ram_size);
    pv_ops.init(&bootinfo);
    kvm_init(&bootinfo);
    uart_init(&bootinfo.uart);
    blk_init(&bootinfo);
    proc_init();
    kprintf("pyvirt kernel (%s): %lu MiB RAM, file store on %s\n", pv_ops.name,
            bootinfo.ram_size >> 20, blk_fs()->name);
    proc_start_init(bootinfo.bootargs);
    timer_init(bootinfo.timebase_hz);
    pv_ops.irq_mask_write(SIE_ENABLED);
    scheduler();
}
