/* blk_pv.c - the paravirtual block frontend (CONFIG_PARAVIRT): requests go to the
 * hypervisor's block backend through a ring shared with it (docs/hypercall-abi.md, "The
 * block ring"), with one event each way per batch instead of trapped device registers.
 * As the virtio driver, it has one request in flight and sleeps until its response. */
#include "abi.h"
#include "blk.h"
#include "hypercall.h"
#include "kernel.h"
#include "proc.h"
#include "riscv.h"

#define PV_BLK_IRQ 63                /* the kernel's interrupt number for the ring's event */

static struct {
    struct pv_blk_ring *ring;
    unsigned port;
    uint32_t rsp_seen;               /* responses consumed */
} pb;

/* pvblk_intr: the backend produced responses: wake the waiting request. */
static void pvblk_intr(void)
{
    wakeup(&pb);
}

/* pvblk_rw: one request for count sectors at lba (count <= PV_BLK_MAX_SECTORS). */
static int pvblk_rw(struct blkdev *d, int write, uint64_t lba, uint32_t count, void *buf)
{
    (void)d;
    struct pv_blk_ring *r = pb.ring;
    uint32_t i = r->req_prod;
    r->slot[i & (r->nslots - 1)].req =
        (struct pv_blk_req){ i, write ? PV_BLK_WRITE : PV_BLK_READ, count, lba, (uint64_t)buf };
    fence();
    r->req_prod = i + 1;
    fence();
    xen_evtchn_send(pb.port);
    while (*(volatile uint32_t *)&r->rsp_prod == pb.rsp_seen)
        sleep(&pb);
    fence();
    int64_t status = r->slot[pb.rsp_seen & (r->nslots - 1)].rsp.status;
    pb.rsp_seen++;
    return status == 0 ? 0 : -EIO;
}

static struct blkdev pv_disk = { .name = "pv-blk", .rw = pvblk_rw };

/* pv_blk_probe: share a one-page ring with the block backend; the disk, or 0 if there is
 * no backend. */
struct blkdev *pv_blk_probe(void)
{
    pb.ring = kzalloc();
    if (!pb.ring)
        return 0;
    long port = xen_ring_setup(PV_DEV_BLOCK, pb.ring, 1);
    if (port <= 0) {
        kfree(pb.ring);
        pb.ring = 0;
        return 0;
    }
    pb.port = (unsigned)port;
    pv_disk.capacity = pb.ring->capacity;
    xen_bind_port(pb.port, PV_BLK_IRQ);
    irq_register(PV_BLK_IRQ, pvblk_intr);
    return &pv_disk;
}
