/* piodisk.c - the legacy PIO disk (docs/pio-disk.md), an IDE/ATA-PIO-style controller:
 * write COUNT and LBA, then COMMAND; every 512-byte sector then moves through the 8-byte
 * DATA register, 64 accesses per sector. The driver polls STATUS (commands complete
 * synchronously) with the controller's interrupt disabled (CONTROL.nIEN). */
#include "abi.h"
#include "blk.h"
#include "bootinfo.h"
#include "mmio.h"

#define PIO_DATA     0x00
#define PIO_COUNT    0x08
#define PIO_LBA_LO   0x0C
#define PIO_LBA_HI   0x10
#define PIO_COMMAND  0x14
#define PIO_STATUS   0x14
#define PIO_CONTROL  0x1C
#define PIO_CAP_LO   0x20
#define PIO_CAP_HI   0x24
#define CMD_READ     0x20
#define CMD_WRITE    0x30
#define ST_BSY       0x80
#define ST_DF        0x20
#define ST_DRQ       0x08
#define ST_ERR       0x01
#define CTL_NIEN     0x02
#define MAX_COUNT    256            /* COUNT 0 means 256 sectors */

static struct blkdev dev;
static uint64_t base;

/* status: STATUS once the controller is not busy. */
static uint32_t status(void)
{
    uint32_t st;
    do
        st = mmio_read32(base + PIO_STATUS);
    while (st & ST_BSY);
    return st;
}

/* command: start command cmd on count (1..256) sectors at lba. */
static void command(uint32_t cmd, uint64_t lba, uint32_t count)
{
    mmio_write32(base + PIO_COUNT, count == MAX_COUNT ? 0 : count);
    mmio_write32(base + PIO_LBA_LO, (uint32_t)lba);
    mmio_write32(base + PIO_LBA_HI, (uint32_t)(lba >> 32));
    mmio_write32(base + PIO_COMMAND, cmd);
}

/* pio_rw: transfer count sectors, in commands of up to 256 sectors. */
static int pio_rw(struct blkdev *d, int write, uint64_t lba, uint32_t count, void *buf)
{
    uint64_t *p = buf;
    (void)d;
    while (count) {
        uint32_t n = count < MAX_COUNT ? count : MAX_COUNT;
        command(write ? CMD_WRITE : CMD_READ, lba, n);
        for (uint32_t s = 0; s < n; s++) {
            if ((status() & (ST_ERR | ST_DF | ST_DRQ)) != ST_DRQ)
                return -EIO;
            for (int w = 0; w < SECTOR_SIZE / 8; w++, p++) {
                if (write)
                    mmio_write64(base + PIO_DATA, *p);
                else
                    *p = mmio_read64(base + PIO_DATA);
            }
        }
        if (status() & (ST_ERR | ST_DF))
            return -EIO;
        lba += n;
        count -= n;
    }
    return 0;
}

/* piodisk_probe: the PIO disk at d with its interrupt disabled, or 0 if it has no medium. */
struct blkdev *piodisk_probe(const struct devinfo *d)
{
    base = d->base;
    mmio_write32(base + PIO_CONTROL, CTL_NIEN);
    dev.capacity = mmio_read32(base + PIO_CAP_LO) | (uint64_t)mmio_read32(base + PIO_CAP_HI) << 32;
    if (dev.capacity == 0)
        return 0;
    dev.name = "piodisk";
    dev.rw = pio_rw;
    return &dev;
}
