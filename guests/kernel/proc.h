/* proc.h - processes: address space, kernel stack and trap frame, open files, scheduling. */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include "trapframe.h"
#include "types.h"

#define NPROC       64
#define NOFILE      16
#define NVMA        16
#define KSTACK_SIZE 16384

/* Callee-saved registers of a kernel thread, saved by swtch(). */
struct context {
    uint64_t ra, sp;
    uint64_t s[12];
};

/* A region of user addresses whose pages are allocated on first touch. */
struct vma {
    uint64_t start, end;       /* page-aligned, end exclusive */
    uint64_t perm;             /* PTE_R / PTE_W / PTE_X */
};

/* A user address space. */
struct mm {
    pagetable_t pagetable;
    pagetable_t user_root;     /* the root user mode runs on (pv_ops.user_root), else 0 */
    uint64_t heap_base, brk;   /* heap: [heap_base, PGROUNDUP(brk)) */
    int nvma;
    struct vma vma[NVMA];      /* mmap regions, sorted by start, disjoint */
};

enum procstate { UNUSED, SLEEPING, RUNNABLE, RUNNING, ZOMBIE };

struct file;

struct proc {
    enum procstate state;
    int pid;
    struct proc *parent;
    void *chan;                /* what a SLEEPING process waits for */
    struct proc *link;         /* next in the run queue (RUNNABLE) or sleeper list (SLEEPING) */
    int xstatus;               /* exit status, for wait */
    char name[16];
    struct context ctx;
    struct trapframe *tf;      /* top of the kernel stack */
    struct mm mm;
    struct file *ofile[NOFILE];
};

extern struct proc *curproc;

/* swtch.S: save the current callee-saved registers in old, load new. */
void swtch(struct context *old, struct context *new);

void proc_init(void);
void proc_activate_mm(void);
void proc_start_init(const char *bootargs);
void scheduler(void) NORETURN;
void sched_yield(void);
void sleep(void *chan);
void wakeup(void *chan);
int proc_fork(void);
void proc_exit(int status) NORETURN;
int proc_wait(uint64_t ustatus);

#endif
