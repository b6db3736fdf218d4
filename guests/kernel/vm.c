/* vm.c - Sv39 page tables (privileged spec 1.12, section 4.4).
 *
 * A virtual address has three 9-bit indices (VPN[2] bits 38:30, VPN[1] 29:21, VPN[0] 20:12)
 * and a 12-bit page offset. Each table page holds 512 PTEs; a PTE has V R W X U G A D in
 * bits 7:0 and the physical page number from bit 10. A PTE with R, W or X set is a leaf
 * (a 1 GiB, 2 MiB or 4 KiB page at levels 2, 1, 0); otherwise it points at the next table.
 * The kernel always sets A and D on leaves, so no hardware A/D update is ever needed.
 *
 * A table page is filled with plain stores while it is fresh, then handed to
 * pv_ops.pt_alloc before it is linked or loaded into satp; from then on every store into it
 * goes through pv_ops (set_pte, or a batch for fork, exec, munmap). pv_ops.pt_release
 * precedes freeing it. (Natively those hooks do nothing; the paravirtual build pins and
 * unpins the page with the hypervisor, which keeps page-table pages read-only to the guest.)
 * RAM is identity-mapped, so the kernel reads tables directly.
 *
 * The kernel map's leaves carry pv_ops.kmap_leaf: G natively; U in the paravirtual build,
 * whose kernel runs in user mode, as Xen's x86-64 PV kernels do. There each process also has
 * a user root: a root table holding only the user entry, which user mode runs on, so the
 * kernel's pages are out of its reach. */
#include "bootinfo.h"
#include "kernel.h"
#include "memlayout.h"
#include "riscv.h"
#include "vm.h"

#define KERNEL_LEAF (PTE_V | PTE_A | PTE_D | pv_ops.kmap_leaf)

static pagetable_t kernel_root;

/* kmap: in the kernel table (not yet live), map the page of size pgsize (4 KiB or 2 MiB)
 * at va to pa, creating tables as needed. */
static void kmap(uint64_t va, uint64_t pa, uint64_t pgsize, uint64_t perm)
{
    int leaf_level = pgsize == MEGAPAGE ? 1 : 0;
    pagetable_t t = kernel_root;
    for (int level = 2; level > leaf_level; level--) {
        pte_t *pte = &t[PX(level, va)];
        if (!(*pte & PTE_V)) {
            pagetable_t next = kzalloc();
            if (!next)
                panic("kvm_init: out of memory");
            *pte = PA2PTE(next) | PTE_V;
        }
        t = (pagetable_t)PTE2PA(*pte);
    }
    t[PX(leaf_level, va)] = PA2PTE(pa) | perm | KERNEL_LEAF;
}

/* kmap_range: identity-map [base, base + size) with pages of size pgsize. */
static void kmap_range(uint64_t base, uint64_t size, uint64_t pgsize, uint64_t perm)
{
    for (uint64_t a = base & ~(pgsize - 1); a < base + size; a += pgsize)
        kmap(a, a, pgsize, perm);
}

/* kmap_device: identity-map a device window (read/write), which must lie above user space. */
static void kmap_device(const struct devinfo *d)
{
    if (d->size == 0)
        return;
    if (d->base < USER_TOP)
        panic("device at %p overlaps user space", (void *)d->base);
    kmap_range(d->base, d->size, MEGAPAGE, PTE_R | PTE_W);
}

/* pt_alloc_tree: hand every table of the tree at t (level) to pv_ops.pt_alloc, leaves first. */
static void pt_alloc_tree(pagetable_t t, int level)
{
    for (int i = 0; level > 0 && i < 512; i++)
        if ((t[i] & PTE_V) && !(t[i] & PTE_LEAF))
            pt_alloc_tree((pagetable_t)PTE2PA(t[i]), level - 1);
    pv_ops.pt_alloc(t, level);
}

/* kvm_init: build the kernel map (RAM with pv_ops.kmap_page pages; the devices of bi with
 * 2 MiB pages if pv_ops.map_devices) and switch to it. */
void kvm_init(const struct bootinfo *bi)
{
    kernel_root = kzalloc();
    if (!kernel_root)
        panic("kvm_init: out of memory");
    kmap_range(bi->ram_base, bi->ram_size, pv_ops.kmap_page, PTE_R | PTE_W | PTE_X);
    if (pv_ops.map_devices) {
        kmap_device(&bi->uart);
        kmap_device(&bi->plic);
        kmap_device(&bi->piodisk);
        for (int i = 0; i < bi->nvirtio; i++)
            kmap_device(&bi->virtio[i]);
    }
    pt_alloc_tree(kernel_root, 2);
    pv_ops.switch_as(kvm_satp(), 0);
}

/* kvm_satp: the satp value of the kernel-only address space. */
uint64_t kvm_satp(void)
{
    return MAKE_SATP(kernel_root);
}

/* uvm_create: a new process page table holding only the kernel map. The first-GiB level-1
 * table is private (user pages go there) but starts with the kernel's device entries; every
 * other root entry is shared with the kernel table. With pv_ops.user_root, *user_root gets
 * a root holding the first-GiB entry alone (else 0). Returns 0 when memory is exhausted. */
pagetable_t uvm_create(pagetable_t *user_root)
{
    pagetable_t root = kzalloc(), l1 = kzalloc();
    pagetable_t uroot = pv_ops.user_root ? kzalloc() : 0;
    if (!root || !l1 || (pv_ops.user_root && !uroot)) {
        void *pages[3] = { root, l1, uroot };
        for (int i = 0; i < 3; i++)
            if (pages[i])
                kfree(pages[i]);
        return 0;
    }
    if (kernel_root[0] & PTE_V)
        memcpy(l1, (void *)PTE2PA(kernel_root[0]), PGSIZE);
    memcpy(root, kernel_root, PGSIZE);
    root[0] = PA2PTE(l1) | PTE_V;
    pv_ops.pt_alloc(l1, 1);
    pv_ops.pt_alloc(root, 2);
    if (uroot) {
        uroot[0] = root[0];
        pv_ops.pt_alloc(uroot, 2);
    }
    *user_root = uroot;
    return root;
}

/* walk: the address of the level-0 PTE for user address va in table root, or 0 if a level-0
 * table is missing (and alloc is 0 or memory is exhausted) or va lies in a large page. */
pte_t *walk(pagetable_t root, uint64_t va, int alloc)
{
    pagetable_t t = root;
    for (int level = 2; level > 0; level--) {
        pte_t *pte = &t[PX(level, va)];
        if (*pte & PTE_V) {
            if (*pte & PTE_LEAF)
                return 0;
        } else {
            pagetable_t next;
            if (!alloc || !(next = kzalloc()))
                return 0;
            pv_ops.pt_alloc(next, level - 1);
            pv_ops.set_pte(pte, PA2PTE(next) | PTE_V);
        }
        t = (pagetable_t)PTE2PA(*pte);
    }
    return &t[PX(0, va)];
}

/* pte_batch_add: queue *ptep = val; a full batch is applied at once (without a TLB flush). */
void pte_batch_add(struct pte_batch *b, pte_t *ptep, pte_t val)
{
    b->u[b->n].ptep = ptep;
    b->u[b->n].val = val;
    if (++b->n == PTE_BATCH)
        pte_batch_flush(b, 0);
}

/* pte_batch_flush: apply the queued stores; flush_tlb: then flush the TLB (live tables). */
void pte_batch_flush(struct pte_batch *b, int flush_tlb)
{
    if (b->n || flush_tlb)
        pv_ops.set_ptes(b->u, b->n, flush_tlb);
    b->n = 0;
}

/* user_l0: the level-0 table covering user address va, or 0 if there is none. */
static pagetable_t user_l0(pagetable_t root, uint64_t va)
{
    pagetable_t l1 = (pagetable_t)PTE2PA(root[PX(2, va)]);
    pte_t e = l1[PX(1, va)];
    if (!(e & PTE_V) || (e & PTE_LEAF))
        return 0;
    return (pagetable_t)PTE2PA(e);
}

/* uvm_unmap: free the pages mapped in [start, end) (page-aligned user addresses) and queue
 * the clearing of their PTEs in b. The caller flushes b with a TLB flush. */
void uvm_unmap(pagetable_t root, uint64_t start, uint64_t end, struct pte_batch *b)
{
    uint64_t va = start;
    while (va < end) {
        uint64_t next = (va + MEGAPAGE) & ~(MEGAPAGE - 1);
        pagetable_t l0 = user_l0(root, va);
        for (; l0 && va < end && va < next; va += PGSIZE) {
            pte_t *pte = &l0[PX(0, va)];
            if (*pte & PTE_V) {
                kfree((void *)PTE2PA(*pte));
                pte_batch_add(b, pte, 0);
            }
        }
        va = next;
    }
}

/* uvm_copy: give dst (fresh from uvm_create) a private copy of every user page of src.
 * Returns 0, or -1 when memory ran out (dst then holds part of the copy; uvm_free it). */
int uvm_copy(pagetable_t src, pagetable_t dst)
{
    struct pte_batch b = { .n = 0 };
    int err = 0;
    pagetable_t l1 = (pagetable_t)PTE2PA(src[0]);
    for (uint64_t i = 0; i < PX(1, USER_TOP) && !err; i++) {
        if (!(l1[i] & PTE_V) || (l1[i] & PTE_LEAF))
            continue;
        pagetable_t l0 = (pagetable_t)PTE2PA(l1[i]);
        for (uint64_t j = 0; j < 512; j++) {
            if (!(l0[j] & PTE_V))
                continue;
            uint64_t va = (i << 21) | (j << PGSHIFT);
            void *page = kalloc();
            pte_t *pte = page ? walk(dst, va, 1) : 0;
            if (!pte) {
                if (page)
                    kfree(page);
                err = -1;
                break;
            }
            memcpy(page, (void *)PTE2PA(l0[j]), PGSIZE);
            pte_batch_add(&b, pte, PA2PTE(page) | (l0[j] & 0x3FF));
        }
    }
    pte_batch_flush(&b, 0);
    return err;
}

/* uvm_free: free a process page table (and its user root, if any) that is not active:
 * release the tables (roots first, so each is unreferenced when released), then free the
 * user pages and tables. */
void uvm_free(pagetable_t root, pagetable_t user_root)
{
    pagetable_t l1 = (pagetable_t)PTE2PA(root[0]);
    if (user_root) {
        pv_ops.pt_release(user_root);
        kfree(user_root);
    }
    pv_ops.pt_release(root);
    pv_ops.pt_release(l1);
    for (uint64_t i = 0; i < PX(1, USER_TOP); i++) {
        if (!(l1[i] & PTE_V) || (l1[i] & PTE_LEAF))
            continue;
        pagetable_t l0 = (pagetable_t)PTE2PA(l1[i]);
        pv_ops.pt_release(l0);
        for (int j = 0; j < 512; j++)
            if (l0[j] & PTE_V)
                kfree((void *)PTE2PA(l0[j]));
        kfree(l0);
    }
    kfree(l1);
    kfree(root);
}
