/* sysdisk.c - SYS_disk: raw sector I/O through a chosen driver, for the disk workload.
 * Data moves through a kernel bounce buffer, at most BOUNCE_SECTORS a request. */
#include "abi.h"
#include "blk.h"
#include "fs.h"
#include "proc.h"
#include "syscall.h"

#define BOUNCE_SECTORS 128

static uint8_t bounce[BOUNCE_SECTORS * SECTOR_SIZE] __attribute__((section(".noinit"), aligned(16)));
static struct sleeplock bounce_lock;

/* disk_io: move count sectors between the disk and user address uva, chunk by chunk. */
static long disk_io(struct blkdev *d, int write, uint64_t lba, uint64_t count, uint64_t uva)
{
    long err = 0;
    sleeplock_acquire(&bounce_lock);
    while (count && !err) {
        uint32_t n = count < BOUNCE_SECTORS ? (uint32_t)count : BOUNCE_SECTORS;
        size_t bytes = (size_t)n * SECTOR_SIZE;
        if (write)
            err = copyin(&curproc->mm, bounce, uva, bytes);
        if (!err)
            err = blk_rw(d, write, lba, n, bounce);
        if (!err && !write)
            err = copyout(&curproc->mm, uva, bounce, bytes);
        lba += n;
        count -= n;
        uva += bytes;
    }
    sleeplock_release(&bounce_lock);
    return err;
}

/* disk(op, driver, lba, count, buf): DISK_READ / DISK_WRITE count sectors at lba, or
 * DISK_CAPACITY. -ENODEV if the driver has no disk (DISK_PV: only in the paravirtual build), -EINVAL for a bad
 * range or a write into the file store's sectors. */
long sys_disk(struct trapframe *tf)
{
    uint64_t op = ARG(tf, 0), lba = ARG(tf, 2), count = ARG(tf, 3);
    struct blkdev *d = blk_get((int)ARG(tf, 1));
    if (!d)
        return -ENODEV;
    if (op == DISK_CAPACITY)
        return (long)d->capacity;
    if (op != DISK_READ && op != DISK_WRITE)
        return -EINVAL;
    if (lba + count > d->capacity || lba + count < lba)
        return -EINVAL;
    if (op == DISK_WRITE && d == blk_fs() && lba < FS_SECTORS)
        return -EINVAL;
    return disk_io(d, op == DISK_WRITE, lba, count, ARG(tf, 4));
}
