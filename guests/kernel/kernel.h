/* kernel.h - declarations shared across the kernel: library routines, the page allocator,
 * the console, address spaces, exec, traps and the timer. Subsystems with their own types
 * have their own headers (proc.h, vm.h, file.h, fs.h, blk.h, ...). */
#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include "types.h"

struct mm;
struct trapframe;

/* string.c */
void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
size_t strlcpy(char *dst, const char *src, size_t n);

/* printf.c */
void kprintf(const char *fmt, ...);
void panic(const char *fmt, ...) NORETURN;

/* kalloc.c */
void kalloc_init(uint64_t start, uint64_t end);
void *kalloc(void);
void *kzalloc(void);
void kfree(void *pa);

/* console.c */
void console_input(char c);
long console_read(uint64_t ubuf, size_t n);
long console_write(uint64_t ubuf, size_t n);

/* mm.c: user address spaces */
int mm_fault(struct mm *mm, uint64_t va, uint64_t cause);
long mm_sbrk(struct mm *mm, long incr);
long mm_mmap(struct mm *mm, uint64_t len, int prot);
long mm_munmap(struct mm *mm, uint64_t addr, uint64_t len);
int mm_fork(struct mm *dst, const struct mm *src);
void mm_free(struct mm *mm);
int copyin(struct mm *mm, void *dst, uint64_t uva, size_t n);
int copyout(struct mm *mm, uint64_t uva, const void *src, size_t n);
int copyinstr(struct mm *mm, char *dst, uint64_t uva, size_t max);

/* exec.c */
long exec_user(uint64_t uname, uint64_t uargv);
int exec_kernel(const char *name, int argc, char **argv);

/* trap.c */
void user_trap(struct trapframe *tf) NORETURN;
void kernel_trap(struct trapframe *tf);
void user_return(struct trapframe *tf) NORETURN;
void irq_register(int irq, void (*handler)(void));

/* timer.c */
void timer_init(uint64_t timebase_hz);
void timer_tick(void);

/* syscall.c */
void syscall(struct trapframe *tf);

/* sleeplock.c: a lock held across sleeps (disk I/O), for process context */
struct sleeplock {
    int locked;
};
void sleeplock_acquire(struct sleeplock *l);
void sleeplock_release(struct sleeplock *l);

#endif
