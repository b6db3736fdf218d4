/* ramdisk.c - a block device in RAM, for when no disk is attached: a table of pages, each
 * allocated (zeroed) on the first write to it; unwritten sectors read as zeros. */
#include "abi.h"
#include "blk.h"
#include "riscv.h"

#define SECTORS_PER_PAGE (PGSIZE / SECTOR_SIZE)
#define RAMDISK_PAGES    256

static struct blkdev dev;
static uint8_t *pages[RAMDISK_PAGES];

/* ramdisk_rw: copy sectors between buf and the page table, one sector at a time. */
static int ramdisk_rw(struct blkdev *d, int write, uint64_t lba, uint32_t count, void *buf)
{
    uint8_t *p = buf;
    (void)d;
    for (; count; count--, lba++, p += SECTOR_SIZE) {
        uint8_t **page = &pages[lba / SECTORS_PER_PAGE];
        uint64_t off = (lba % SECTORS_PER_PAGE) * SECTOR_SIZE;
        if (write && !*page && !(*page = kzalloc()))
            return -EIO;
        if (write)
            memcpy(*page + off, p, SECTOR_SIZE);
        else if (*page)
            memcpy(p, *page + off, SECTOR_SIZE);
        else
            memset(p, 0, SECTOR_SIZE);
    }
    return 0;
}

/* ramdisk_create: a RAM disk of sectors sectors (at most RAMDISK_PAGES pages). */
struct blkdev *ramdisk_create(uint64_t sectors)
{
    dev.name = "ramdisk";
    dev.capacity = MIN(sectors, (uint64_t)RAMDISK_PAGES * SECTORS_PER_PAGE);
    dev.rw = ramdisk_rw;
    return &dev;
}
