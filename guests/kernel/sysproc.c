/* sysproc.c - system calls about processes, memory and time. */
#include "abi.h"
#include "kernel.h"
#include "proc.h"
#include "riscv.h"
#include "syscall.h"

/* exit(status) */
long sys_exit(struct trapframe *tf)
{
    proc_exit((int)ARG(tf, 0));
}

/* getpid() */
long sys_getpid(struct trapframe *tf)
{
    (void)tf;
    return curproc->pid;
}

/* yield() */
long sys_yield(struct trapframe *tf)
{
    (void)tf;
    sched_yield();
    return 0;
}

/* sbrk(increment) -> previous break */
long sys_sbrk(struct trapframe *tf)
{
    return mm_sbrk(&curproc->mm, (long)ARG(tf, 0));
}

/* mmap(len, prot) -> address */
long sys_mmap(struct trapframe *tf)
{
    return mm_mmap(&curproc->mm, ARG(tf, 0), (int)ARG(tf, 1));
}

/* munmap(addr, len) */
long sys_munmap(struct trapframe *tf)
{
    return mm_munmap(&curproc->mm, ARG(tf, 0), ARG(tf, 1));
}

/* fork() */
long sys_fork(struct trapframe *tf)
{
    (void)tf;
    return proc_fork();
}

/* wait(int *status) */
long sys_wait(struct trapframe *tf)
{
    return proc_wait(ARG(tf, 0));
}

/* exec(name, argv) */
long sys_exec(struct trapframe *tf)
{
    return exec_user(ARG(tf, 0), ARG(tf, 1));
}

/* time(struct abi_time *t): rdcycle and rdtime */
long sys_time(struct trapframe *tf)
{
    struct abi_time t = { rdcycle(), rdtime() };
    return copyout(&curproc->mm, ARG(tf, 0), &t, sizeof(t));
}
