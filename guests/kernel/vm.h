/* vm.h - Sv39 page tables: the kernel map, per-process tables, batched PTE updates. */
#ifndef KERNEL_VM_H
#define KERNEL_VM_H

#include "pvops.h"
#include "types.h"

struct bootinfo;

#define PTE_BATCH 64

/* PTE stores collected for one pv_ops.set_ptes call (fork, exec, munmap, teardown). */
struct pte_batch {
    int n;
    struct pte_update u[PTE_BATCH];
};

void kvm_init(const struct bootinfo *bi);
uint64_t kvm_satp(void);
pagetable_t uvm_create(pagetable_t *user_root);
void uvm_free(pagetable_t root, pagetable_t user_root);
int uvm_copy(pagetable_t src, pagetable_t dst);
void uvm_unmap(pagetable_t root, uint64_t start, uint64_t end, struct pte_batch *b);
pte_t *walk(pagetable_t root, uint64_t va, int alloc);
void pte_batch_add(struct pte_batch *b, pte_t *ptep, pte_t val);
void pte_batch_flush(struct pte_batch *b, int flush_tlb);

#endif
