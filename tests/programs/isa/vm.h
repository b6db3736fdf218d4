/*
 * vm.h - Sv39 page tables for the paging tests (rv64si/sv39_*.S).
 *
 * Sv39: a 39-bit virtual address splits into VPN[2] (bits 38:30), VPN[1]
 * (29:21), VPN[0] (20:12) and a 12-bit offset; bits 63:39 must equal bit
 * 38.  A PTE holds PPN = PA >> 12 in bits 53:10 and the flags V R W X U G
 * A D in bits 7:0; R = W = X = 0 means "pointer to the next level".  A
 * leaf at level 2 maps 1 GiB, at level 1 2 MiB, at level 0 4 KiB.
 *
 * The standard layout set up by VM_SETUP:
 *   VA 0x80000000 + 1 GiB -> PA 0x80000000, supervisor R W X A D (the test
 *                            image itself, identity-mapped: S-mode code,
 *                            the env handlers, tohost, the page tables)
 *   VA 0xc0000000 + 1 GiB -> PA 0x80000000, user R W X A D: the same image
 *                            seen from U-mode at USER_OFFSET above its
 *                            link address (see GOTO_USER)
 *   VA 0x40000000 + 2 MiB -> pt_l1[0] -> pt_l0: a window of 4 KiB pages
 *                            that each test fills with MAP_PAGE
 * pt_l1[1..] are free for 2 MiB leaves; pt_root[0] and pt_root[4..] for
 * 1 GiB leaves.  VM_TABLES must appear once, in the data part of the test.
 */
#ifndef VM_H
#define VM_H

#include "test_macros.h"

#define WINDOW_VA    0x40000000
#define USER_OFFSET  0x40000000
#define PTE_LEAF_RWX (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)

/* Page-aligned, zeroed storage for the tables. */
#define VM_TABLES \
        .bss; .align 12; \
        .globl pt_root, pt_l1, pt_l0, pt_root2; \
pt_root:  .skip 4096; \
pt_l1:    .skip 4096; \
pt_l0:    .skip 4096; \
pt_root2: .skip 4096; \
        .data

/* t0 = PTE for physical address in register `pa` with `flags` (<= 0xff). */
#define MAKE_PTE(pa, flags) \
        srli t0, pa, PAGE_SHIFT; slli t0, t0, PTE_PPN_SHIFT; ori t0, t0, flags

/* table[index] = PTE(pa register, flags) */
#define SET_PTE(table, index, pa, flags) \
        MAKE_PTE(pa, flags); la t1, table + (index) * 8; sd t0, 0(t1)

/* table[index] = PTE(address of label, flags) */
#define SET_PTE_LABEL(table, index, label, flags) \
        la t2, label; SET_PTE(table, index, t2, flags)

/* table[index] = PTE(constant physical address, flags) */
#define SET_PTE_ADDR(table, index, addr, flags) \
        li t2, addr; SET_PTE(table, index, t2, flags)

/* table[index] = raw 64-bit value */
#define SET_PTE_RAW(table, index, value) \
        li t0, value; la t1, table + (index) * 8; sd t0, 0(t1)

/* reg = table[index] */
#define GET_PTE(reg, table, index) \
        la reg, table + (index) * 8; ld reg, 0(reg)

/* Map window page `index` (VA WINDOW_VA + index * 4 KiB) to `label`. */
#define MAP_PAGE(index, label, flags) SET_PTE_LABEL(pt_l0, index, label, flags)
#define WINDOW_PAGE(index) (WINDOW_VA + (index) * PAGE_SIZE)

/* Zero the tables, install the standard layout, turn on Sv39 (from M). */
#define VM_SETUP \
        la t0, pt_root; li t1, 4 * 4096; add t1, t1, t0; \
99:     sd zero, 0(t0); addi t0, t0, 8; bltu t0, t1, 99b; \
        SET_PTE_ADDR(pt_root, 2, 0x80000000, PTE_LEAF_RWX); \
        SET_PTE_ADDR(pt_root, 3, 0x80000000, PTE_LEAF_RWX | PTE_U); \
        SET_PTE_LABEL(pt_root, 1, pt_l1, PTE_V); \
        SET_PTE_LABEL(pt_l1, 0, pt_l0, PTE_V); \
        SATP_SET(pt_root)

/* satp = Sv39 with root table `root`, ASID 0; flush the TLB. */
#define SATP_SET(root) \
        la t0, root; srli t0, t0, PAGE_SHIFT; li t1, SATP_MODE_SV39; \
        or t0, t0, t1; csrw satp, t0; sfence.vma

/* From M: continue at `label` in U-mode, through the user alias. */
#define GOTO_USER(label) \
        li t0, MSTATUS_MPP; csrc mstatus, t0; \
        la t0, label; li t1, USER_OFFSET; add t0, t0, t1; csrw mepc, t0; \
        mret

/* reg = address of `label` as seen through the user alias */
#define USER_ADDR(reg, label) la reg, label; li t1, USER_OFFSET; add reg, reg, t1

#endif
