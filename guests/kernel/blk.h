/* blk.h - block devices of 512-byte sectors: virtio-blk, the PIO disk and a RAM disk. */
#ifndef KERNEL_BLK_H
#define KERNEL_BLK_H

#include "kernel.h"
#include "types.h"

#define SECTOR_SIZE 512

struct bootinfo;
struct devinfo;

struct blkdev {
    const char *name;
    uint64_t capacity;                       /* in sectors */
    /* transfer count sectors at lba to (write = 0) or from buf; 0 or -EIO */
    int (*rw)(struct blkdev *d, int write, uint64_t lba, uint32_t count, void *buf);
    struct sleeplock lock;                   /* one request at a time */
};

void blk_init(const struct bootinfo *bi);
struct blkdev *blk_get(int driver);
struct blkdev *blk_fs(void);
int blk_rw(struct blkdev *d, int write, uint64_t lba, uint32_t count, void *buf);

struct blkdev *virtio_blk_probe(const struct devinfo *d);
struct blkdev *piodisk_probe(const struct devinfo *d);
struct blkdev *ramdisk_create(uint64_t sectors);
struct blkdev *pv_blk_probe(void);

#endif
