/* kalloc.c - the physical page allocator: a free list of 4 KiB pages threaded through the
 * pages themselves. RAM is identity-mapped, so a page's physical address is also its kernel
 * virtual address. */
#include "kernel.h"
#include "riscv.h"

struct freepage {
    struct freepage *next;
};

static struct freepage *freelist;

/* kalloc_init: hand the pages of [start, end) to the allocator. */
void kalloc_init(uint64_t start, uint64_t end)
{
    for (uint64_t pa = PGROUNDDOWN(end) - PGSIZE; pa >= PGROUNDUP(start); pa -= PGSIZE)
        kfree((void *)pa);
}

/* kalloc: one page with undefined contents, or 0 when memory is exhausted. */
void *kalloc(void)
{
    struct freepage *p = freelist;
    if (p)
        freelist = p->next;
    return p;
}

/* kzalloc: one zero-filled page, or 0. */
void *kzalloc(void)
{
    void *p = kalloc();
    if (p)
        memset(p, 0, PGSIZE);
    return p;
}

/* kfree: return the page at pa (page-aligned) to the allocator. */
void kfree(void *pa)
{
    struct freepage *p = pa;
    if ((uint64_t)pa & (PGSIZE - 1))
        panic("kfree: unaligned page %p", pa);
    p->next = freelist;
    freelist = p;
}
