/* blk.c - the block layer: finds the disks at boot, picks the one that holds the file
 * store (virtio-blk if present, else the PIO disk, else the paravirtual disk, else a RAM
 * disk) and serializes the requests to each device. */
#include "abi.h"
#include "blk.h"
#include "bootinfo.h"
#include "fs.h"

static struct blkdev *virtio_disk, *pio_disk, *pv_disk, *fs_disk;

/* blk_init: probe every virtio-mmio slot (first virtio-blk wins), the PIO disk and (in
 * the paravirtual build) the block backend. */
void blk_init(const struct bootinfo *bi)
{
    for (int i = 0; i < bi->nvirtio && !virtio_disk; i++)
        virtio_disk = virtio_blk_probe(&bi->virtio[i]);
    if (bi->piodisk.size)
        pio_disk = piodisk_probe(&bi->piodisk);
#ifdef CONFIG_PARAVIRT
    pv_disk = pv_blk_probe();
#endif
    fs_disk = virtio_disk ? virtio_disk : pio_disk ? pio_disk : pv_disk ? pv_disk : ramdisk_create(FS_SECTORS);
    if (!fs_disk)
        panic("no memory for the RAM disk");
}

/* blk_get: the disk of a SYS_disk driver (DISK_PIO, DISK_VIRTIO, DISK_PV), or 0 if absent. */
struct blkdev *blk_get(int driver)
{
    return driver == DISK_PIO ? pio_disk : driver == DISK_VIRTIO ? virtio_disk : driver == DISK_PV ? pv_disk : 0;
}

/* blk_fs: the disk that holds the file store. */
struct blkdev *blk_fs(void)
{
    return fs_disk;
}

/* blk_rw: one transfer on d, after the requests before it (process context). */
int blk_rw(struct blkdev *d, int write, uint64_t lba, uint32_t count, void *buf)
{
    if (lba + count > d->capacity || lba + count < lba)
        return -EINVAL;
    sleeplock_acquire(&d->lock);
    int err = d->rw(d, write, lba, count, buf);
    sleeplock_release(&d->lock);
    return err;
}
