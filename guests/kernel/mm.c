/* mm.c - user address spaces: which addresses are valid (image, heap, mmap regions, stack;
 * see memlayout.h), demand allocation on the first touch of a heap, stack or mmap page,
 * sbrk / mmap / munmap, fork's copy, and the kernel's copies to and from user memory.
 * Copies translate through the page table in software, faulting pages in as the hardware
 * would, so the kernel itself never takes a page fault on a user address. */
#include "abi.h"
#include "kernel.h"
#include "memlayout.h"
#include "proc.h"
#include "pvops.h"
#include "riscv.h"
#include "vm.h"

#define USER_LEAF (PTE_V | PTE_U | PTE_A | PTE_D)

/* region_perm: R/W/X permissions of the demand-allocated region holding va, 0 if none. */
static uint64_t region_perm(const struct mm *mm, uint64_t va)
{
    if (va >= mm->heap_base && va < PGROUNDUP(mm->brk))
        return PTE_R | PTE_W;
    if (va >= STACK_BOTTOM && va < USER_TOP)
        return PTE_R | PTE_W;
    for (int i = 0; i < mm->nvma; i++)
        if (va >= mm->vma[i].start && va < mm->vma[i].end)
            return mm->vma[i].perm;
    return 0;
}

/* mm_fault: a page fault (scause cause) at va: map a fresh zero page if va lies in a
 * demand-allocated region that allows the access and is not mapped yet. 0, or -1 if the
 * access is invalid or memory is exhausted. */
int mm_fault(struct mm *mm, uint64_t va, uint64_t cause)
{
    uint64_t need = cause == EXC_STORE_PAGE ? PTE_W : cause == EXC_INSN_PAGE ? PTE_X : PTE_R;
    uint64_t perm = region_perm(mm, va);
    if (va >= USER_TOP || !(perm & need))
        return -1;
    pte_t *pte = walk(mm->pagetable, va, 1);
    if (!pte || (*pte & PTE_V))
        return -1;
    void *page = kzalloc();
    if (!page)
        return -1;
    pv_ops.set_pte_flush(pte, PA2PTE(page) | perm | USER_LEAF, PGROUNDDOWN(va));
    return 0;
}

/* mm_sbrk: move the break by incr bytes; returns the old break or -ENOMEM. Pages above a
 * lowered break are freed; pages below a raised one are allocated on first touch. */
long mm_sbrk(struct mm *mm, long incr)
{
    uint64_t old = mm->brk, new = old + incr;
    if (new < mm->heap_base || new > MMAP_BASE)
        return -ENOMEM;
    if (PGROUNDUP(new) < PGROUNDUP(old)) {
        struct pte_batch b = { .n = 0 };
        uvm_unmap(mm->pagetable, PGROUNDUP(new), PGROUNDUP(old), &b);
        pte_batch_flush(&b, 1);
    }
    mm->brk = new;
    return (long)old;
}

/* mm_mmap: reserve len bytes (rounded up to pages) of anonymous memory, first fit in
 * [MMAP_BASE, MMAP_TOP); pages are allocated on first touch. Returns the address, or
 * -EINVAL / -ENOMEM. */
long mm_mmap(struct mm *mm, uint64_t len, int prot)
{
    if (len == 0 || len > MMAP_TOP - MMAP_BASE)
        return -EINVAL;
    len = PGROUNDUP(len);
    if (mm->nvma == NVMA)
        return -ENOMEM;
    uint64_t start = MMAP_BASE;
    int i = 0;
    for (; i < mm->nvma && mm->vma[i].start - start < len; i++)
        start = mm->vma[i].end;
    if (start + len > MMAP_TOP)
        return -ENOMEM;
    memmove(&mm->vma[i + 1], &mm->vma[i], (mm->nvma - i) * sizeof(struct vma));
    mm->vma[i].start = start;
    mm->vma[i].end = start + len;
    mm->vma[i].perm = (prot & PROT_READ ? PTE_R : 0) | (prot & PROT_WRITE ? PTE_R | PTE_W : 0);
    mm->nvma++;
    return (long)start;
}

/* mm_munmap: remove [addr, addr + len) from the mmap regions (splitting one if needed) and
 * free its pages. Returns 0, or -EINVAL (bad range) / -ENOMEM (too many regions). */
long mm_munmap(struct mm *mm, uint64_t addr, uint64_t len)
{
    uint64_t end = PGROUNDUP(addr + len);
    if ((addr & (PGSIZE - 1)) || len == 0 || addr < MMAP_BASE || end > MMAP_TOP || end < addr)
        return -EINVAL;
    struct vma keep[NVMA * 2];
    int n = 0;
    for (int i = 0; i < mm->nvma; i++) {
        struct vma v = mm->vma[i];
        if (v.start < addr)
            keep[n++] = (struct vma){ v.start, MIN(v.end, addr), v.perm };
        if (v.end > end)
            keep[n++] = (struct vma){ MAX(v.start, end), v.end, v.perm };
    }
    if (n > NVMA)
        return -ENOMEM;
    memcpy(mm->vma, keep, n * sizeof(struct vma));
    mm->nvma = n;
    struct pte_batch b = { .n = 0 };
    uvm_unmap(mm->pagetable, addr, end, &b);
    pte_batch_flush(&b, 1);
    return 0;
}

/* mm_fork: make dst a copy of src, every present page copied. 0, or -1 out of memory. */
int mm_fork(struct mm *dst, const struct mm *src)
{
    *dst = *src;
    dst->pagetable = uvm_create(&dst->user_root);
    if (!dst->pagetable)
        return -1;
    if (uvm_copy(src->pagetable, dst->pagetable) < 0) {
        mm_free(dst);
        return -1;
    }
    return 0;
}

/* mm_free: free an address space that is not active. */
void mm_free(struct mm *mm)
{
    if (mm->pagetable)
        uvm_free(mm->pagetable, mm->user_root);
    mm->pagetable = 0;
    mm->user_root = 0;
    mm->nvma = 0;
}

/* user_ptr: the kernel address of user address va for a read (or a write), faulting a
 * demand-allocated page in; 0 if the access is not allowed. */
static uint8_t *user_ptr(struct mm *mm, uint64_t va, int write)
{
    uint64_t need = PTE_V | PTE_U | (write ? PTE_W : PTE_R);
    if (va >= USER_TOP)
        return 0;
    pte_t *pte = walk(mm->pagetable, va, 0);
    if (!pte || (*pte & need) != need) {
        if (mm_fault(mm, va, write ? EXC_STORE_PAGE : EXC_LOAD_PAGE) < 0)
            return 0;
        pte = walk(mm->pagetable, va, 0);
    }
    return (uint8_t *)PTE2PA(*pte) + (va & (PGSIZE - 1));
}

/* copyin: copy n bytes from user address uva to dst. 0 or -EFAULT. */
int copyin(struct mm *mm, void *dst, uint64_t uva, size_t n)
{
    while (n) {
        uint8_t *src = user_ptr(mm, uva, 0);
        if (!src)
            return -EFAULT;
        size_t k = MIN(n, PGSIZE - (uva & (PGSIZE - 1)));
        memcpy(dst, src, k);
        dst = (uint8_t *)dst + k;
        uva += k;
        n -= k;
    }
    return 0;
}

/* copyout: copy n bytes from src to user address uva. 0 or -EFAULT. */
int copyout(struct mm *mm, uint64_t uva, const void *src, size_t n)
{
    while (n) {
        uint8_t *dst = user_ptr(mm, uva, 1);
        if (!dst)
            return -EFAULT;
        size_t k = MIN(n, PGSIZE - (uva & (PGSIZE - 1)));
        memcpy(dst, src, k);
        src = (const uint8_t *)src + k;
        uva += k;
        n -= k;
    }
    return 0;
}

/* copyinstr: copy the NUL-terminated string at uva into dst (max bytes with the NUL).
 * Returns its length, -EFAULT, or -EINVAL if it does not fit. */
int copyinstr(struct mm *mm, char *dst, uint64_t uva, size_t max)
{
    for (size_t i = 0; i < max; i++, uva++) {
        uint8_t *src = user_ptr(mm, uva, 0);
        if (!src)
            return -EFAULT;
        if ((dst[i] = (char)*src) == 0)
            return (int)i;
    }
    return -EINVAL;
}
