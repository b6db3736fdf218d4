/* riscv.h - RISC-V architectural constants (privileged spec 1.12) and the unprivileged
 * counter reads. Privileged instructions live in pvops_native.c only; everything else
 * reaches them through the pv_ops table (pvops.h). */
#ifndef KERNEL_RISCV_H
#define KERNEL_RISCV_H

#include "types.h"

#define PGSIZE   4096UL
#define PGSHIFT  12
#define PGROUNDUP(a)   (((a) + PGSIZE - 1) & ~(PGSIZE - 1))
#define PGROUNDDOWN(a) ((a) & ~(PGSIZE - 1))
#define MEGAPAGE (1UL << 21)     /* a level-1 leaf maps 2 MiB */

/* Sv39 PTE bits (privileged spec 4.4.1): V R W X U G A D, PPN from bit 10. */
#define PTE_V (1UL << 0)
#define PTE_R (1UL << 1)
#define PTE_W (1UL << 2)
#define PTE_X (1UL << 3)
#define PTE_U (1UL << 4)
#define PTE_G (1UL << 5)
#define PTE_A (1UL << 6)
#define PTE_D (1UL << 7)
#define PTE_LEAF (PTE_R | PTE_W | PTE_X)
#define PA2PTE(pa)  (((uint64_t)(pa) >> 12) << 10)
#define PTE2PA(pte) (((pte) >> 10) << 12)
/* The 9-bit page-table index of va at level (2 = root, 0 = leaf level). */
#define PX(level, va) (((uint64_t)(va) >> (PGSHIFT + 9 * (level))) & 0x1FF)

/* satp: MODE = 8 (Sv39) in bits 63:60, ASID 0, root PPN in bits 43:0. */
#define SATP_SV39 (8UL << 60)
#define MAKE_SATP(root) (SATP_SV39 | ((uint64_t)(root) >> 12))

/* sstatus bits */
#define SSTATUS_SIE  (1UL << 1)
#define SSTATUS_SPIE (1UL << 5)
#define SSTATUS_SPP  (1UL << 8)

/* sie / sip bits and the matching interrupt cause codes */
#define IRQ_S_TIMER 5
#define IRQ_S_EXT   9
#define SIE_STIE (1UL << IRQ_S_TIMER)
#define SIE_SEIE (1UL << IRQ_S_EXT)
#define SIE_ENABLED (SIE_STIE | SIE_SEIE)   /* the kernel runs with these enabled */

/* scause: bit 63 set for interrupts; exception codes */
#define SCAUSE_INTR (1UL << 63)
#define EXC_BREAKPOINT      3
#define EXC_ECALL_U         8
#define EXC_INSN_PAGE       12
#define EXC_LOAD_PAGE       13
#define EXC_STORE_PAGE      15

/* rdcycle: the cycle counter (readable in S and U mode when mcounteren/scounteren allow). */
static inline uint64_t rdcycle(void)
{
    uint64_t x;
    __asm__ volatile("rdcycle %0" : "=r"(x));
    return x;
}

/* rdtime: mtime (10 MHz on the virt board). */
static inline uint64_t rdtime(void)
{
    uint64_t x;
    __asm__ volatile("rdtime %0" : "=r"(x));
    return x;
}

/* A full memory fence (device rings and MMIO ordering). */
static inline void fence(void)
{
    __asm__ volatile("fence rw, rw" ::: "memory");
}

#endif
