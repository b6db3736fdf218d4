/*
 * riscv_defs.h - architectural constants used by the ISA tests and the
 * differential programs: privilege levels, mstatus/sstatus fields,
 * interrupt bits, exception causes, Sv39 PTE bits and board addresses.
 *
 * Values follow the RISC-V privileged specification 1.12 and the QEMU
 * `virt` memory map (docs/architecture.md).  Only #defines: this header is
 * included from both assembly and C.
 */
#ifndef RISCV_DEFS_H
#define RISCV_DEFS_H

/* Privilege levels as encoded in mstatus.MPP / sstatus.SPP. */
#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

/* mstatus / sstatus fields. */
#define MSTATUS_SIE   (1 << 1)
#define MSTATUS_MIE   (1 << 3)
#define MSTATUS_SPIE  (1 << 5)
#define MSTATUS_MPIE  (1 << 7)
#define MSTATUS_SPP   (1 << 8)
#define MSTATUS_MPP   (3 << 11)
#define MSTATUS_MPP_S (1 << 11)
#define MSTATUS_MPRV  (1 << 17)
#define MSTATUS_SUM   (1 << 18)
#define MSTATUS_MXR   (1 << 19)
#define MSTATUS_TVM   (1 << 20)
#define MSTATUS_TW    (1 << 21)
#define MSTATUS_TSR   (1 << 22)
#define MSTATUS_UXL_SHIFT 32
#define MSTATUS_SXL_SHIFT 34

/* Interrupt numbers (bit positions in mip/mie/mideleg). */
#define IRQ_S_SOFT  1
#define IRQ_M_SOFT  3
#define IRQ_S_TIMER 5
#define IRQ_M_TIMER 7
#define IRQ_S_EXT   9
#define IRQ_M_EXT   11
#define MIP_SSIP (1 << IRQ_S_SOFT)
#define MIP_MSIP (1 << IRQ_M_SOFT)
#define MIP_STIP (1 << IRQ_S_TIMER)
#define MIP_MTIP (1 << IRQ_M_TIMER)

/* mcause values.  Interrupt causes have bit 63 set. */
#define CAUSE_MISALIGNED_FETCH    0
#define CAUSE_FETCH_ACCESS        1
#define CAUSE_ILLEGAL_INSTRUCTION 2
#define CAUSE_BREAKPOINT          3
#define CAUSE_MISALIGNED_LOAD     4
#define CAUSE_LOAD_ACCESS         5
#define CAUSE_MISALIGNED_STORE    6
#define CAUSE_STORE_ACCESS        7
#define CAUSE_USER_ECALL          8
#define CAUSE_SUPERVISOR_ECALL    9
#define CAUSE_MACHINE_ECALL       11
#define CAUSE_FETCH_PAGE_FAULT    12
#define CAUSE_LOAD_PAGE_FAULT     13
#define CAUSE_STORE_PAGE_FAULT    15
#define CAUSE_INTERRUPT           0x8000000000000000
#define CAUSE_IRQ(n)              (CAUSE_INTERRUPT | (n))

/* CSRs the assembler does not know by name. */
#define CSR_MENVCFG   0x30a
#define CSR_STIMECMP  0x14d
#define MENVCFG_STCE  0x8000000000000000

/* Counter-enable bits (mcounteren / scounteren). */
#define COUNTEREN_CY  (1 << 0)
#define COUNTEREN_TM  (1 << 1)
#define COUNTEREN_IR  (1 << 2)

/* PMP: pmpcfg entry fields. */
#define PMP_R     0x01
#define PMP_W     0x02
#define PMP_X     0x04
#define PMP_NAPOT 0x18

/* Sv39 page-table entries and satp. */
#define PTE_V (1 << 0)
#define PTE_R (1 << 1)
#define PTE_W (1 << 2)
#define PTE_X (1 << 3)
#define PTE_U (1 << 4)
#define PTE_G (1 << 5)
#define PTE_A (1 << 6)
#define PTE_D (1 << 7)
#define PTE_PPN_SHIFT 10
#define PAGE_SHIFT    12
#define PAGE_SIZE     4096
#define MEGAPAGE_SIZE 0x200000
#define GIGAPAGE_SIZE 0x40000000
#define SATP_MODE_SV39 0x8000000000000000

/* QEMU virt board (and, for the CLINT, QEMU spike). */
#define SIFIVE_TEST_BASE 0x100000
#define SIFIVE_TEST_PASS 0x5555
#define SIFIVE_TEST_FAIL 0x3333
#define CLINT_BASE       0x2000000
#define CLINT_MSIP       (CLINT_BASE + 0x0)
#define CLINT_MTIMECMP   (CLINT_BASE + 0x4000)
#define CLINT_MTIME      (CLINT_BASE + 0xbff8)
#define UART0_BASE       0x10000000
#define UART_THR         0
#define UART_LSR         5
#define UART_LSR_THRE    0x20
#define RAM_BASE         0x80000000

#endif
