/* abi.h - the system-call ABI between the bundled guest kernel (guests/kernel/) and its user
 * programs (guests/user/). Calling convention (as Linux on RISC-V): ecall from U-mode with
 * a7 = system-call number, arguments in a0..a5, result in a0; a negative result is -errno. */
#ifndef PYVIRT_ABI_H
#define PYVIRT_ABI_H

#define SYS_write     1   /* write(fd, buf, len) -> bytes written; fd 1 and 2 are the console   */
#define SYS_exit      2   /* exit(status) -> does not return                                    */
#define SYS_getpid    3   /* getpid() -> pid                                                    */
#define SYS_yield     4   /* yield() -> 0                                                       */
#define SYS_sbrk      5   /* sbrk(increment) -> previous break                                  */
#define SYS_mmap      6   /* mmap(len, prot) -> address of len bytes of anonymous memory, pages
                             allocated on first touch (page fault); prot: PROT_READ|PROT_WRITE  */
#define SYS_munmap    7   /* munmap(addr, len) -> 0                                             */
#define SYS_fork      8   /* fork() -> child pid in the parent, 0 in the child                  */
#define SYS_wait      9   /* wait(int *status or 0) -> pid of an exited child, -ECHILD if none   */
#define SYS_exec     10   /* exec(name, argv) -> replaces the process with built-in program name */
#define SYS_open     11   /* open(path, flags) -> fd; flags: O_RDONLY, O_WRONLY|O_CREAT|O_TRUNC  */
#define SYS_read     12   /* read(fd, buf, len) -> bytes read (0 at end of file)                */
#define SYS_close    13   /* close(fd) -> 0                                                     */
#define SYS_unlink   14   /* unlink(path) -> 0                                                  */
#define SYS_pipe     15   /* pipe(int fds[2]) -> 0                                              */
#define SYS_time     16   /* time(struct abi_time *t) -> 0: cycles (rdcycle) and mtime ticks    */
#define SYS_kbench   17   /* kbench(op, iterations, arg) -> cycles the kernel spent: a loop of a
                             privileged operation inside the kernel (KB_* below)                */
#define SYS_disk     18   /* disk(op, driver, lba, count, buf) -> 0: raw sector I/O through a
                             chosen driver (DISK_* below), for the disk workload                */

#define PROT_READ  1
#define PROT_WRITE 2
#define O_RDONLY   0
#define O_WRONLY   1
#define O_CREAT    0x40
#define O_TRUNC    0x200

/* kernel nanobenchmarks (SYS_kbench op) */
#define KB_CSR_WRITE 1    /* write sie (the analogue of AA06 cr8wr), iterations times           */
#define KB_MMIO_IN   2    /* read the UART line-status register (the analogue of x86 `in`)     */
#define KB_PTEMOD    3    /* rewrite a PTE of the caller's page table and sfence.vma its page   */

/* disk drivers and operations (SYS_disk) */
#define DISK_PIO     1
#define DISK_VIRTIO  2
#define DISK_PV      3
#define DISK_READ    0
#define DISK_WRITE   1
#define DISK_CAPACITY 2   /* disk(DISK_CAPACITY, driver, 0, 0, 0) -> the disk's size in sectors  */
/* The kernel's file store occupies sectors [0, DISK_FS_SECTORS) of the disk it lives on (virtio-blk
   if attached, else the PIO disk, else a RAM disk); SYS_disk refuses to write there. */
#define DISK_FS_SECTORS 2048

#define ENOENT  2
#define EIO     5
#define EBADF   9
#define ECHILD 10
#define EAGAIN 11
#define ENOMEM 12
#define EFAULT 14
#define EINVAL 22
#define EMFILE 24
#define ENOSPC 28
#define EPIPE  32
#define ENOSYS 38
#define ENODEV 19

struct abi_time {
    unsigned long cycles;     /* rdcycle */
    unsigned long ticks;      /* rdtime: mtime at 10 MHz */
};

#endif
