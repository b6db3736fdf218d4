/* exec.c - replace a process's image with a built-in program. All programs are one
 * multi-call ELF (userimg.S); exec maps its PT_LOAD segments into a fresh page table,
 * puts argv on a new user stack and starts at the ELF entry with a0 = argc, a1 = argv. */
#include "abi.h"
#include "elf.h"
#include "kernel.h"
#include "memlayout.h"
#include "proc.h"
#include "riscv.h"
#include "vm.h"

#define MAXARG 32
#define NAME_MAX_EXEC 64

extern const uint8_t userimg_start[], userimg_end[];

/* seg_perm: the PTE bits of a user page of a segment with ELF flags f. */
static uint64_t seg_perm(uint32_t f)
{
    return PTE_V | PTE_U | PTE_A | PTE_D | (f & PF_R ? PTE_R : 0) |
           (f & PF_W ? PTE_R | PTE_W : 0) | (f & PF_X ? PTE_X : 0);
}

/* load_segment: map the pages of PT_LOAD segment ph into root (a table that is not live);
 * a page shared with an earlier segment gets both segments' permissions. 0 or -ENOMEM. */
static int load_segment(pagetable_t root, const struct elf64_phdr *ph)
{
    struct pte_batch b = { .n = 0 };
    const uint8_t *file = userimg_start + ph->offset;
    uint64_t perm = seg_perm(ph->flags);
    int err = 0;
    for (uint64_t va = PGROUNDDOWN(ph->vaddr); va < ph->vaddr + ph->memsz; va += PGSIZE) {
        pte_t *pte = walk(root, va, 1);
        uint8_t *page = pte && (*pte & PTE_V) ? (uint8_t *)PTE2PA(*pte) : kzalloc();
        if (!pte || !page) {
            err = -ENOMEM;
            break;
        }
        /* the part of [va, va + PGSIZE) backed by file bytes */
        uint64_t lo = MAX(va, ph->vaddr), hi = MIN(va + PGSIZE, ph->vaddr + ph->filesz);
        if (lo < hi)
            memcpy(page + (lo - va), file + (lo - ph->vaddr), hi - lo);
        pte_batch_add(&b, pte, PA2PTE(page) | perm | (*pte & PTE_LEAF));
    }
    pte_batch_flush(&b, 0);
    return err;
}

/* load_image: map user.elf into root; sets the entry point and the end of the image. */
static int load_image(pagetable_t root, uint64_t *entry, uint64_t *end)
{
    const struct elf64_ehdr *eh = (const struct elf64_ehdr *)userimg_start;
    uint64_t size = userimg_end - userimg_start;
    if (size < sizeof(*eh) || eh->magic != ELF_MAGIC || eh->class != ELFCLASS64 ||
        eh->machine != EM_RISCV || eh->phoff + eh->phnum * sizeof(struct elf64_phdr) > size)
        return -EINVAL;
    const struct elf64_phdr *ph = (const struct elf64_phdr *)(userimg_start + eh->phoff);
    *end = USER_BASE;
    for (int i = 0; i < eh->phnum; i++, ph++) {
        if (ph->type != PT_LOAD || ph->memsz == 0)
            continue;
        if (ph->vaddr < USER_BASE || ph->vaddr + ph->memsz > MMAP_BASE ||
            ph->filesz > ph->memsz || ph->offset + ph->filesz > size)
            return -EINVAL;
        int err = load_segment(root, ph);
        if (err)
            return err;
        *end = MAX(*end, ph->vaddr + ph->memsz);
    }
    *entry = eh->entry;
    return 0;
}

/* build_stack: map the top stack page of root and lay out argv in it: the strings at the
 * top, below them the argv pointer array (16-byte aligned), which is also the initial sp. */
static int build_stack(pagetable_t root, int argc, char **argv, uint64_t *uargv)
{
    uint64_t page_va = USER_TOP - PGSIZE, ptrs[MAXARG + 1];
    uint8_t *page = kzalloc();
    pte_t *pte = page ? walk(root, page_va, 1) : 0;
    if (!pte) {
        if (page)
            kfree(page);
        return -ENOMEM;
    }
    pv_ops.set_pte(pte, PA2PTE(page) | PTE_V | PTE_U | PTE_A | PTE_D | PTE_R | PTE_W);
    uint64_t off = PGSIZE;
    for (int i = argc - 1; i >= 0; i--) {
        uint64_t len = strlen(argv[i]) + 1;
        if (off < len + 8 * (argc + 1) + 16)
            return -EINVAL;
        off -= len;
        memcpy(page + off, argv[i], len);
        ptrs[i] = page_va + off;
    }
    ptrs[argc] = 0;
    off = (off - 8 * (argc + 1)) & ~15UL;
    memcpy(page + off, ptrs, 8 * (argc + 1));
    *uargv = page_va + off;
    return 0;
}

/* exec_kernel: replace the current process's image with the built-in program name,
 * argv (argc kernel strings). Returns argc (the new a0), or -EINVAL / -ENOMEM with the
 * old image intact. */
int exec_kernel(const char *name, int argc, char **argv)
{
    struct proc *p = curproc;
    struct mm mm = { 0 };
    mm.pagetable = uvm_create(&mm.user_root);
    uint64_t entry, end, uargv;
    if (!mm.pagetable)
        return -ENOMEM;
    int err = load_image(mm.pagetable, &entry, &end);
    if (!err)
        err = build_stack(mm.pagetable, argc, argv, &uargv);
    if (err) {
        mm_free(&mm);
        return err;
    }
    mm.heap_base = mm.brk = PGROUNDUP(end);
    struct mm old = p->mm;
    p->mm = mm;
    proc_activate_mm();
    mm_free(&old);
    strlcpy(p->name, name, sizeof(p->name));
    memset(p->tf, 0, sizeof(*p->tf));
    p->tf->epc = entry;
    p->tf->regs[REG_SP] = uargv;
    p->tf->regs[REG_A0] = argc;
    p->tf->regs[REG_A0 + 1] = uargv;
    return argc;
}

/* copy_argv: copy the user argv array at uargv (0 means {the name at uname}) into the page
 * strings, pointing argv at the copies. Returns argc, or -EFAULT / -EINVAL. */
static int copy_argv(uint64_t uname, uint64_t uargv, char *strings, char **argv)
{
    struct mm *mm = &curproc->mm;
    size_t used = 0;
    int argc;
    for (argc = 0;; argc++) {
        uint64_t uarg = !uargv && argc == 0 ? uname : 0;
        if (uargv && copyin(mm, &uarg, uargv + 8 * argc, 8) < 0)
            return -EFAULT;
        if (!uarg)
            break;
        if (argc == MAXARG)
            return -EINVAL;
        int len = copyinstr(mm, strings + used, uarg, PGSIZE - used);
        if (len < 0)
            return len;
        argv[argc] = strings + used;
        used += len + 1;
    }
    argv[argc] = 0;
    return argc;
}

/* exec_user: the exec system call; name and argv are user addresses (argv: a NULL-ended
 * array of strings, or 0 for {name}). Returns as exec_kernel, or -EFAULT. */
long exec_user(uint64_t uname, uint64_t uargv)
{
    char name[NAME_MAX_EXEC], *argv[MAXARG + 1];
    char *strings = kalloc();
    long err;
    if (!strings)
        return -ENOMEM;
    err = copyinstr(&curproc->mm, name, uname, sizeof(name));
    if (err >= 0)
        err = copy_argv(uname, uargv, strings, argv);
    if (err >= 0)
        err = exec_kernel(name, (int)err, argv);
    kfree(strings);
    return err;
}
