/* virtio_blk.c - virtio-blk over virtio-mmio version 2 (virtio 1.1, sections 4.2 and 5.2).
 *
 * Legacy (version 1) devices are not driven: QEMU needs -global virtio-mmio.force-legacy=false.
 * The driver accepts only VIRTIO_F_VERSION_1 and uses one split virtqueue of 8 entries with
 * one request in flight: a three-descriptor chain (header, data, status byte). Completion
 * is interrupt-driven: the requesting process sleeps until the used ring advances, and the
 * interrupt handler acknowledges the device and wakes it. */
#include "abi.h"
#include "blk.h"
#include "bootinfo.h"
#include "proc.h"
#include "mmio.h"
#include "riscv.h"
#include "virtio.h"

#define QUEUE_SIZE 8
#define VIRTIO_BLK_T_IN  0
#define VIRTIO_BLK_T_OUT 1

struct blk_req_header {
    uint32_t type;
    uint32_t reserved;
    uint64_t sector;
};

static struct {
    struct blkdev dev;
    uint64_t base;
    uint16_t num;                    /* queue size */
    struct virtq_desc *desc;
    struct virtq_avail *avail;
    struct virtq_used *used;
    uint16_t used_seen;              /* used.idx up to which completions were consumed */
    struct blk_req_header hdr;
    uint8_t status;
} vb;

/* reg_read / reg_write: a 32-bit virtio-mmio register. */
static uint32_t reg_read(uint32_t off)
{
    return mmio_read32(vb.base + off);
}

static void reg_write(uint32_t off, uint32_t v)
{
    mmio_write32(vb.base + off, v);
}

/* used_idx: the device's used.idx, read from memory each time. */
static uint16_t used_idx(void)
{
    return *(volatile uint16_t *)&vb.used->idx;
}

/* vblk_intr: acknowledge the device's interrupt and wake the waiting request. */
static void vblk_intr(void)
{
    reg_write(VIRTIO_MMIO_INTERRUPT_ACK, reg_read(VIRTIO_MMIO_INTERRUPT_STATUS));
    wakeup(&vb);
}

/* vblk_rw: one request for count sectors at lba; sleeps until the device completes it. */
static int vblk_rw(struct blkdev *d, int write, uint64_t lba, uint32_t count, void *buf)
{
    (void)d;
    vb.hdr = (struct blk_req_header){ write ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_IN, 0, lba };
    vb.status = 0xff;
    vb.desc[0] = (struct virtq_desc){ (uint64_t)&vb.hdr, sizeof(vb.hdr), VIRTQ_DESC_F_NEXT, 1 };
    vb.desc[1] = (struct virtq_desc){ (uint64_t)buf, count * SECTOR_SIZE,
                                      VIRTQ_DESC_F_NEXT | (write ? 0 : VIRTQ_DESC_F_WRITE), 2 };
    vb.desc[2] = (struct virtq_desc){ (uint64_t)&vb.status, 1, VIRTQ_DESC_F_WRITE, 0 };
    vb.avail->ring[vb.avail->idx % vb.num] = 0;
    fence();
    vb.avail->idx++;
    fence();
    reg_write(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    while (used_idx() == vb.used_seen)
        sleep(&vb);
    vb.used_seen++;
    fence();
    return *(volatile uint8_t *)&vb.status == 0 ? 0 : -EIO;
}

/* setup_queue: allocate queue 0's rings (a page each) and hand them to the device. */
static int setup_queue(void)
{
    reg_write(VIRTIO_MMIO_QUEUE_SEL, 0);
    uint32_t max = reg_read(VIRTIO_MMIO_QUEUE_NUM_MAX);
    if (max < 3 || reg_read(VIRTIO_MMIO_QUEUE_READY))
        return -1;
    vb.num = max < QUEUE_SIZE ? (uint16_t)max : QUEUE_SIZE;
    vb.desc = kzalloc();
    vb.avail = kzalloc();
    vb.used = kzalloc();
    if (!vb.desc || !vb.avail || !vb.used)
        return -1;
    reg_write(VIRTIO_MMIO_QUEUE_NUM, vb.num);
    reg_write(VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)(uint64_t)vb.desc);
    reg_write(VIRTIO_MMIO_QUEUE_DESC_HIGH, (uint32_t)((uint64_t)vb.desc >> 32));
    reg_write(VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)(uint64_t)vb.avail);
    reg_write(VIRTIO_MMIO_QUEUE_DRIVER_HIGH, (uint32_t)((uint64_t)vb.avail >> 32));
    reg_write(VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)(uint64_t)vb.used);
    reg_write(VIRTIO_MMIO_QUEUE_DEVICE_HIGH, (uint32_t)((uint64_t)vb.used >> 32));
    reg_write(VIRTIO_MMIO_QUEUE_READY, 1);
    return 0;
}

/* virtio_blk_probe: initialise the device in slot d (virtio 1.1, 3.1.1) if it is a
 * version-2 virtio-blk; returns its block device, or 0. */
struct blkdev *virtio_blk_probe(const struct devinfo *d)
{
    vb.base = d->base;
    if (reg_read(VIRTIO_MMIO_MAGIC_VALUE) != VIRTIO_MAGIC || reg_read(VIRTIO_MMIO_VERSION) != 2 ||
        reg_read(VIRTIO_MMIO_DEVICE_ID) != VIRTIO_ID_BLOCK)
        return 0;
    reg_write(VIRTIO_MMIO_STATUS, 0);
    reg_write(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
    reg_write(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    reg_write(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
    if (!(reg_read(VIRTIO_MMIO_DEVICE_FEATURES) & VIRTIO_F_VERSION_1_WORD1))
        return 0;
    reg_write(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
    reg_write(VIRTIO_MMIO_DRIVER_FEATURES, 0);
    reg_write(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    reg_write(VIRTIO_MMIO_DRIVER_FEATURES, VIRTIO_F_VERSION_1_WORD1);
    uint32_t status = VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_FEATURES_OK;
    reg_write(VIRTIO_MMIO_STATUS, status);
    if (!(reg_read(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK) || setup_queue() < 0)
        return 0;
    vb.dev.name = "virtio-blk";
    vb.dev.capacity = reg_read(VIRTIO_MMIO_CONFIG) | (uint64_t)reg_read(VIRTIO_MMIO_CONFIG + 4) << 32;
    vb.dev.rw = vblk_rw;
    irq_register(d->irq, vblk_intr);
    reg_write(VIRTIO_MMIO_STATUS, status | VIRTIO_STATUS_DRIVER_OK);
    return &vb.dev;
}
