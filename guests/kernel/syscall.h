/* syscall.h - system-call handlers: each takes the caller's trap frame (arguments in
 * a0..a5) and returns the result for a0. */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include "trapframe.h"

#define ARG(tf, n) ((tf)->regs[REG_A0 + (n)])

long sys_exit(struct trapframe *tf);
long sys_getpid(struct trapframe *tf);
long sys_yield(struct trapframe *tf);
long sys_sbrk(struct trapframe *tf);
long sys_mmap(struct trapframe *tf);
long sys_munmap(struct trapframe *tf);
long sys_fork(struct trapframe *tf);
long sys_wait(struct trapframe *tf);
long sys_exec(struct trapframe *tf);
long sys_time(struct trapframe *tf);
long sys_write(struct trapframe *tf);
long sys_read(struct trapframe *tf);
long sys_open(struct trapframe *tf);
long sys_close(struct trapframe *tf);
long sys_unlink(struct trapframe *tf);
long sys_pipe(struct trapframe *tf);
long sys_kbench(struct trapframe *tf);
long sys_disk(struct trapframe *tf);

#endif
