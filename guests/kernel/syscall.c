/* syscall.c - system-call dispatch (numbers and conventions: guests/include/abi.h). */
#include "abi.h"
#include "kernel.h"
#include "syscall.h"

static long (*const handlers[])(struct trapframe *) = {
    [SYS_write] = sys_write,   [SYS_exit] = sys_exit,     [SYS_getpid] = sys_getpid,
    [SYS_yield] = sys_yield,   [SYS_sbrk] = sys_sbrk,     [SYS_mmap] = sys_mmap,
    [SYS_munmap] = sys_munmap, [SYS_fork] = sys_fork,     [SYS_wait] = sys_wait,
    [SYS_exec] = sys_exec,     [SYS_open] = sys_open,     [SYS_read] = sys_read,
    [SYS_close] = sys_close,   [SYS_unlink] = sys_unlink, [SYS_pipe] = sys_pipe,
    [SYS_time] = sys_time,     [SYS_kbench] = sys_kbench, [SYS_disk] = sys_disk,
};

/* syscall: run the system call a7 names; its result (or -ENOSYS) goes to a0. */
void syscall(struct trapframe *tf)
{
    uint64_t n = tf->regs[REG_A7];
    long r = n < ARRAY_SIZE(handlers) && handlers[n] ? handlers[n](tf) : -ENOSYS;
    tf->regs[REG_A0] = (uint64_t)r;
}
