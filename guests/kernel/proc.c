/* proc.c - processes and the scheduler.
 *
 * One hart; the kernel is not preemptible (interrupts stay off in S-mode except in the idle
 * loop), so threads interleave only where sched() is called: a timer interrupt from U-mode,
 * yield, sleep and exit. Scheduling is round-robin: a FIFO run queue, the preempted or
 * yielding process at its tail; the boot thread is the idle thread and runs only when the
 * queue is empty. A switch goes directly from kernel stack to kernel stack (swtch) and loads
 * the next page table unless it is already active. */
#include "abi.h"
#include "bootinfo.h"
#include "file.h"
#include "fs.h"
#include "kernel.h"
#include "proc.h"
#include "pvops.h"
#include "riscv.h"
#include "vm.h"

#define INIT_ARGS 32

static struct proc procs[NPROC];
struct proc *curproc;
static struct proc idle;
static struct proc *initproc;
static int nextpid = 1;
static struct proc *runq_head, *runq_tail; /* RUNNABLE processes, FIFO */
static struct proc *sleepers;             /* SLEEPING processes, most recent first */
static uint64_t active_satp;
static char init_args[BOOTARGS_MAX];      /* process 1's argv strings */

static uint8_t kstacks[NPROC][KSTACK_SIZE] __attribute__((section(".noinit"), aligned(16)));

/* proc_init: give each slot its kernel stack; the boot thread becomes the idle thread. */
void proc_init(void)
{
    for (int i = 0; i < NPROC; i++)
        procs[i].tf = (struct trapframe *)(kstacks[i] + KSTACK_SIZE) - 1;
    idle.state = RUNNING;
    strlcpy(idle.name, "idle", sizeof(idle.name));
    curproc = &idle;
    active_satp = kvm_satp();
}

/* satp_of: the satp value that runs process p. */
static uint64_t satp_of(const struct proc *p)
{
    return p->mm.pagetable ? MAKE_SATP(p->mm.pagetable) : kvm_satp();
}

/* user_satp_of: the satp value of p's user root (pv_ops.user_root), or 0. */
static uint64_t user_satp_of(const struct proc *p)
{
    return p->mm.user_root ? MAKE_SATP(p->mm.user_root) : 0;
}

/* proc_activate_mm: load the current process's page table (exec replaced it). */
void proc_activate_mm(void)
{
    active_satp = satp_of(curproc);
    pv_ops.switch_as(active_satp, user_satp_of(curproc));
}

/* make_runnable: mark p RUNNABLE and queue it at the tail of the run queue. */
static void make_runnable(struct proc *p)
{
    p->state = RUNNABLE;
    p->link = 0;
    if (runq_tail)
        runq_tail->link = p;
    else
        runq_head = p;
    runq_tail = p;
}

/* pick_next: take the process at the head of the run queue, or 0 if it is empty. */
static struct proc *pick_next(void)
{
    struct proc *p = runq_head;
    if (p) {
        runq_head = p->link;
        if (!runq_head)
            runq_tail = 0;
    }
    return p;
}

/* switch_to: run next (a process or the idle thread) instead of the current thread. */
static void switch_to(struct proc *next)
{
    struct proc *prev = curproc;
    curproc = next;
    if (next != &idle) {
        next->state = RUNNING;
        uint64_t satp = satp_of(next);
        if (satp != active_satp) {
            active_satp = satp;
            pv_ops.switch_as(satp, user_satp_of(next));
        }
    }
    swtch(&prev->ctx, &next->ctx);
}

/* sched: the current process has set its new state; run the next runnable process, or the
 * idle thread if there is none. Returns when this process is scheduled again. */
static void sched(void)
{
    struct proc *next = pick_next();
    if (next == curproc) {
        curproc->state = RUNNING;
        return;
    }
    switch_to(next ? next : &idle);
}

/* scheduler: the idle thread: run processes; with none runnable, wait for an interrupt
 * (wfi returns with interrupts still off, then a short enable lets the trap in). */
void scheduler(void)
{
    for (;;) {
        struct proc *p = pick_next();
        if (p) {
            switch_to(p);
        } else {
            pv_ops.wait_for_irq();
            pv_ops.irq_enable();
            pv_ops.irq_disable();
        }
    }
}

/* sched_yield: give up the CPU to the next runnable process, if there is one. */
void sched_yield(void)
{
    if (!runq_head)
        return;
    make_runnable(curproc);
    sched();
}

/* sleep: wait until wakeup(chan). */
void sleep(void *chan)
{
    struct proc *p = curproc;
    if (p == &idle)
        panic("the idle thread cannot sleep");
    p->chan = chan;
    p->state = SLEEPING;
    p->link = sleepers;
    sleepers = p;
    sched();
    p->chan = 0;
}

/* wakeup: make every process sleeping on chan runnable, in the order they slept. */
void wakeup(void *chan)
{
    struct proc **pp = &sleepers, *woken = 0;
    while (*pp) {
        struct proc *p = *pp;
        if (p->chan == chan) {
            *pp = p->link;
            p->link = woken;
            woken = p;
        } else {
            pp = &p->link;
        }
    }
    while (woken) {
        struct proc *p = woken;
        woken = p->link;
        make_runnable(p);
    }
}

/* forkret: where a forked process's kernel thread starts: straight back to U-mode. */
static void forkret(void)
{
    user_return(curproc->tf);
}

/* proc_alloc: an unused slot whose thread will start at entry, or 0 if the table is full. */
static struct proc *proc_alloc(void (*entry)(void))
{
    for (int i = 0; i < NPROC; i++) {
        struct proc *p = &procs[i];
        if (p->state != UNUSED)
            continue;
        struct trapframe *tf = p->tf;
        memset(p, 0, sizeof(*p));
        p->tf = tf;
        p->pid = nextpid++;
        p->ctx.ra = (uint64_t)entry;
        p->ctx.sp = (uint64_t)tf;
        return p;
    }
    return 0;
}

/* init_main: process 1's first kernel code: mount the file store (it may sleep on the
 * disk), then exec "init" with the boot-argument words as argv[1..]. */
static void init_main(void)
{
    char *argv[INIT_ARGS + 1];
    int argc = 0;

    fs_init();
    argv[argc++] = "init";
    for (char *s = init_args; *s && argc < INIT_ARGS;) {
        if (*s == ' ' || *s == '\t') {
            *s++ = 0;
            continue;
        }
        argv[argc++] = s;
        while (*s && *s != ' ' && *s != '\t')
            s++;
    }
    argv[argc] = 0;
    if (exec_kernel("init", argc, argv) < 0)
        panic("cannot exec init");
    user_return(curproc->tf);
}

/* proc_start_init: create process 1 (argv "init" + bootargs words), console on fds 0-2. */
void proc_start_init(const char *bootargs)
{
    strlcpy(init_args, bootargs, sizeof(init_args));
    initproc = proc_alloc(init_main);
    strlcpy(initproc->name, "init", sizeof(initproc->name));
    initproc->ofile[0] = file_console();
    initproc->ofile[1] = file_dup(initproc->ofile[0]);
    initproc->ofile[2] = file_dup(initproc->ofile[0]);
    make_runnable(initproc);
}

/* proc_fork: a copy of the current process (address space, files, registers); returns the
 * child's pid, or -EAGAIN / -ENOMEM. The child returns 0 from fork. */
int proc_fork(void)
{
    struct proc *p = curproc, *c = proc_alloc(forkret);
    if (!c)
        return -EAGAIN;
    if (mm_fork(&c->mm, &p->mm) < 0) {
        c->state = UNUSED;
        return -ENOMEM;
    }
    *c->tf = *p->tf;
    c->tf->regs[REG_A0] = 0;
    for (int i = 0; i < NOFILE; i++)
        if (p->ofile[i])
            c->ofile[i] = file_dup(p->ofile[i]);
    strlcpy(c->name, p->name, sizeof(c->name));
    c->parent = p;
    make_runnable(c);
    return c->pid;
}

/* proc_exit: end the current process with status. Its memory is freed when its parent
 * waits; its children go to process 1. The exit of process 1 powers the machine off. */
void proc_exit(int status)
{
    struct proc *p = curproc;
    if (p == initproc)
        pv_ops.shutdown(status != 0);
    for (int i = 0; i < NOFILE; i++) {
        if (p->ofile[i]) {
            file_close(p->ofile[i]);
            p->ofile[i] = 0;
        }
    }
    for (int i = 0; i < NPROC; i++) {
        if (procs[i].parent == p && procs[i].state != UNUSED) {
            procs[i].parent = initproc;
            if (procs[i].state == ZOMBIE)
                wakeup(initproc);
        }
    }
    p->xstatus = status;
    p->state = ZOMBIE;
    wakeup(p->parent);
    sched();
    panic("zombie %d ran", p->pid);
}

/* proc_wait: reap an exited child: store its status at user address ustatus (if not 0) and
 * return its pid; -ECHILD if there are no children. Sleeps while all children run. */
int proc_wait(uint64_t ustatus)
{
    struct proc *p = curproc;
    for (;;) {
        int children = 0;
        for (int i = 0; i < NPROC; i++) {
            struct proc *c = &procs[i];
            if (c->parent != p || c->state == UNUSED)
                continue;
            children = 1;
            if (c->state != ZOMBIE)
                continue;
            if (ustatus && copyout(&p->mm, ustatus, &c->xstatus, sizeof(int)) < 0)
                return -EFAULT;
            int pid = c->pid;
            mm_free(&c->mm);
            c->state = UNUSED;
            c->parent = 0;
            return pid;
        }
        if (!children)
            return -ECHILD;
        sleep(p);
    }
}
