/* memlayout.h - the kernel's and the processes' virtual address spaces.
 *
 * Kernel map (shared by every page table, global mappings): RAM identity-mapped with 2 MiB
 * pages (R W X), and each device the kernel drives identity-mapped with 2 MiB pages (R W).
 * The virt board's devices sit at 0x0C00_0000 (PLIC) and 0x1000_0000 (UART, virtio, PIO
 * disk), inside the first GiB, so user space ends below them at USER_TOP.
 *
 * User space (4 KiB pages, U=1):
 *   USER_BASE .. image end     PT_LOAD segments of user.elf (eager)
 *   image end .. brk           heap, grown by sbrk (pages allocated on first touch)
 *   MMAP_BASE .. MMAP_TOP      mmap regions (pages allocated on first touch)
 *   STACK_BOTTOM .. USER_TOP   the stack: argv page eager, the rest on first touch */
#ifndef KERNEL_MEMLAYOUT_H
#define KERNEL_MEMLAYOUT_H

#define USER_BASE      0x00010000UL
#define MMAP_BASE      0x04000000UL
#define MMAP_TOP       0x0B000000UL
#define USER_TOP       0x0C000000UL
#define USER_STACK_MAX (1UL << 20)
#define STACK_BOTTOM   (USER_TOP - USER_STACK_MAX)

#endif
