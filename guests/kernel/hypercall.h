/* hypercall.h - the guest side of the paravirtual interface (docs/hypercall-abi.md; this
 * header follows that document).
 *
 * A hypercall is an ecall from the deprivileged guest kernel: a7 = number, a0..a5 =
 * arguments, a0 = result (>= 0, or a negative errno). All addresses are guest-physical
 * (the kernel identity-maps RAM, so they equal kernel virtual addresses). */
#ifndef KERNEL_HYPERCALL_H
#define KERNEL_HYPERCALL_H

#define HC_console_io        0   /* (cmd, len, buf) */
#define HC_set_timer         1   /* (deadline): a virtual timer interrupt at mtime deadline */
#define HC_set_callbacks     2   /* (trap_entry, shared_page) */
#define HC_mmu_update        3   /* (reqs, count, done): batch of {pte address, value} */
#define HC_mmuext_op         4   /* (cmd, arg): pin / unpin a page-table page */
#define HC_switch_as         5   /* (satp, flags, user_satp) */
#define HC_tlb_flush         6   /* (va, scope) */
#define HC_multicall         7   /* (calls, count) */
#define HC_event_channel_op  8   /* (cmd, arg): arg points at the command's struct */
#define HC_sched_op          9   /* (cmd, arg) */
#define HC_ring_setup       10   /* (device, ring, pages): the ring's event port */
#define HC_memory_op        11   /* (cmd, frames, count) */
#define HC_trap_return      12   /* (frame): restore registers and mode; does not return */
#define HC_update_va_mapping 13  /* (pte address, value, va): one validated store, then flush va */

#define CONSOLEIO_write 0
#define CONSOLEIO_read  1

#define MMUEXT_PIN_L0      0       /* pin a level-0 (leaf) table; L1, L2 (root) likewise */
#define MMUEXT_UNPIN_TABLE 3

#define SWITCH_AS_FLUSH 1          /* flush non-global TLB entries (as sfence.vma x0, asid) */
#define TLB_FLUSH_ALL   0
#define TLB_FLUSH_PAGE  1

#define EVTCHNOP_alloc_unbound 0
#define EVTCHNOP_bind_virq     1   /* VIRQ_TIMER: the timer of HC_set_timer as an event */
#define EVTCHNOP_bind_pirq     2   /* a device interrupt (PLIC source) */
#define EVTCHNOP_send          3
#define EVTCHNOP_mask          4
#define EVTCHNOP_unmask        5
#define EVTCHNOP_eoi           6   /* a bound device interrupt was served */

#define SCHEDOP_yield    0
#define SCHEDOP_block    1         /* until an interrupt enabled in vsie is pending */
#define SCHEDOP_shutdown 2         /* arg: SHUTDOWN_* */
#define SCHEDOP_check    3         /* nothing: deliver pending upcalls on return */
#define SHUTDOWN_poweroff 0
#define SHUTDOWN_crash    1

#define MEMOP_increase_reservation 0
#define MEMOP_decrease_reservation 1

#define PV_NR_EVTCHN 128
#define VIRQ_TIMER 0
#define VIRQ_CONSOLE 1             /* console input waits: drain it with HC_console_io */

#define PV_DEV_BLOCK 1             /* HC_ring_setup device: the block backend */
#define PV_BLK_READ  0
#define PV_BLK_WRITE 1
#define PV_BLK_MAX_SECTORS 128     /* sectors a request may move */

#ifndef __ASSEMBLER__
#include "types.h"

/* The state the VMM saves when it delivers a trap or interrupt to the guest kernel. */
struct pv_trap_info {
    uint64_t epc;            /* interrupted pc */
    uint64_t status;         /* SPP = 1 if the guest kernel was interrupted; SPIE = !upcall_mask */
    uint64_t cause;          /* scause encoding: bit 63 = interrupt */
    uint64_t tval;
    uint64_t sp;             /* interrupted sp */
};

/* The shared page (registered with HC_set_callbacks; 4 KiB, page-aligned). */
struct pv_shared {
    uint8_t upcall_pending;  /* VMM: an enabled virtual interrupt is pending */
    uint8_t upcall_mask;     /* guest: 1 = virtual interrupts off (the sstatus.SIE = 0 analogue) */
    uint8_t pad[6];
    uint64_t vsie;           /* guest: virtual sie (bit 5 timer, bit 9 events) */
    uint64_t vsip;           /* VMM: virtual sip (bit 5 timer, bit 9 an unmasked event pending) */
    uint64_t kernel_sp;      /* guest: sp to load on a trap from guest user mode */
    struct pv_trap_info trap;
    uint64_t reserved[7];
    uint64_t evtchn_pending[PV_NR_EVTCHN / 64];   /* VMM sets, guest clears (atomically) */
    uint64_t evtchn_mask[PV_NR_EVTCHN / 64];      /* guest: 1 = port masked */
};

/* One request of HC_mmu_update: store val at guest-physical PTE address ptr. */
struct mmu_update {
    uint64_t ptr;
    uint64_t val;
};

/* One entry of HC_multicall. */
struct multicall_entry {
    uint64_t op;
    uint64_t args[6];
    int64_t result;
};

/* EVTCHNOP_bind_pirq / EVTCHNOP_bind_virq: bind device interrupt pirq (or virtual
 * interrupt virq) to a new port (out). */
struct evtchn_bind_pirq {
    uint32_t pirq;
    uint32_t port;
};

/* EVTCHNOP_unmask / EVTCHNOP_eoi: one port. */
struct evtchn_port {
    uint32_t port;
};

/* The block ring (docs/hypercall-abi.md, "The block ring"): a request in a slot is replaced
 * by its response; responses come in request order. */
struct pv_blk_req {
    uint64_t id;
    uint32_t op;             /* PV_BLK_READ, PV_BLK_WRITE */
    uint32_t count;          /* sectors, 1..PV_BLK_MAX_SECTORS */
    uint64_t lba;
    uint64_t buf;            /* guest-physical address of count * 512 bytes */
};

struct pv_blk_rsp {
    uint64_t id;
    int64_t status;          /* 0 or -errno */
    uint64_t pad[2];
};

union pv_blk_slot {
    struct pv_blk_req req;
    struct pv_blk_rsp rsp;
};

struct pv_blk_ring {
    uint32_t req_prod;       /* frontend: requests produced */
    uint32_t rsp_prod;       /* backend: responses produced */
    uint32_t nslots;         /* backend, at setup: slots (a power of two) */
    uint32_t pad;
    uint64_t capacity;       /* backend, at setup: the disk's size in sectors */
    uint64_t reserved[5];
    union pv_blk_slot slot[];
};

/* pvops_xen.c: what the split drivers use */
long xen_ring_setup(int device, void *ring, int pages);
void xen_bind_port(unsigned port, int irq);
void xen_evtchn_send(unsigned port);
#endif

#define PV_SHARED_TRAP 32        /* offsetof(struct pv_shared, trap), for assembly */
#define PV_TRAP_EPC    0
#define PV_TRAP_STATUS 8
#define PV_TRAP_CAUSE  16
#define PV_TRAP_TVAL   24
#define PV_TRAP_SP     32

#endif
