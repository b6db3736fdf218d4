/*
 * ptchurn.c - an S-mode kernel that rewrites, remaps and frees its page
 * tables aggressively (the shadow-paging coherence test of trap mode).
 *
 * M-mode builds two roots that identity-map this image (a 1 GiB leaf,
 * global in root A, not in root B) and the UART, then enters S-mode.
 * Each round the kernel takes a table page from a small pool, clears it
 * with plain stores (it may have been a table or a data page before) and
 * links it as the level-0 table of a 2 MiB window, then: maps data pages
 * (some with A and D clear, some read-only, some user), writes and reads
 * through the window and checks the data through the identity map,
 * remaps a page, downgrades, unmaps, maps a 2 MiB superpage and splits
 * it into 4 KiB pages, shares the table with root B and switches roots,
 * and finally unlinks the table and reuses its page as data.  Every
 * change is followed by the sfence.vma the privileged spec requires, so
 * the output is a function of the program only.  Page faults are
 * delegated to S, counted and skipped.
 */
#include "lib.h"

#define PTE(pa, flags) ((((uint64_t)(pa)) >> PAGE_SHIFT) << PTE_PPN_SHIFT | (flags))
#define WIN            0x40000000UL          /* the 2 MiB window of 4 KiB pages */
#define SUPER          0x40200000UL          /* a 2 MiB superpage slot */
#define VA(i)          (WIN + (uint64_t)(i) * PAGE_SIZE)
#define RW             (PTE_V | PTE_R | PTE_W)
#define AD             (PTE_A | PTE_D)
#define ROUNDS         48
#define NTABLES        6
#define NDATA          12
#define BIG            0x80600000UL          /* 2 MiB-aligned RAM beyond the image */

static uint64_t root_a[512] __attribute__((aligned(4096)));
static uint64_t root_b[512] __attribute__((aligned(4096)));
static uint64_t l1_a[512] __attribute__((aligned(4096)));
static uint64_t l1_b[512] __attribute__((aligned(4096)));
static uint64_t tpool[NTABLES][512] __attribute__((aligned(4096)));
static uint64_t dpool[NDATA][512] __attribute__((aligned(4096)));
static uint64_t kstack[1024] __attribute__((aligned(16)));

static uint64_t sum, faults, fault_causes, printed;

static void sfence_va(uint64_t va) { asm volatile("sfence.vma %0, zero" :: "r"(va) : "memory"); }
static void sfence_all(void) { asm volatile("sfence.vma" ::: "memory"); }
static void sfence_asid(uint64_t asid) { asm volatile("sfence.vma zero, %0" :: "r"(asid) : "memory"); }

static void mix(uint64_t v)
{
    sum = (sum ^ v) * 0x100000001b3UL + 0x9e3779b97f4a7c15UL;
}

/* 4-byte loads and stores the fault handler can skip (epc += 4). */
static uint64_t load64(uint64_t va)
{
    uint64_t v = 0xFA17;
    asm volatile(".option push\n.option norvc\nld %0, 0(%1)\n.option pop" : "+r"(v) : "r"(va) : "memory");
    return v;
}

static void store64(uint64_t va, uint64_t v)
{
    asm volatile(".option push\n.option norvc\nsd %0, 0(%1)\n.option pop" :: "r"(v), "r"(va) : "memory");
}

void handle_strap(struct trap_frame *f)
{
    if (is_exit_ecall(f)) {
        s_resume_frame(f);
        return;
    }
    faults++;
    fault_causes += f->cause;
    mix(f->cause);
    mix(f->tval);
    if (printed < 8) {
        printed++;
        print_kv("  fault cause", f->cause);
        print_kv("        tval ", f->tval);
    }
    f->epc += 4;
}

static void satp_set(uint64_t *root, uint64_t asid)
{
    csr_write(satp, SATP_MODE_SV39 | (asid << 44) | ((uint64_t)root >> PAGE_SHIFT));
    sfence_asid(asid);
}

static void round_(int r)
{
    uint64_t *t = tpool[r % NTABLES];
    uint64_t *d0 = dpool[r % NDATA];

    /* a fresh level-0 table, linked into the live root */
    for (int i = 0; i < 512; i++)
        t[i] = 0;
    l1_a[0] = PTE(t, PTE_V);
    sfence_all();

    /* map eight pages, A/D clear on the odd ones */
    for (int i = 0; i < 8; i++) {
        uint64_t *d = dpool[(r + i) % NDATA];
        d[1] = 0x1000 * r + i;
        t[i] = PTE(d, RW | ((i & 1) ? 0 : AD));
        sfence_va(VA(i));
    }
    for (int i = 0; i < 8; i++) {
        mix(load64(VA(i) + 8));
        store64(VA(i) + 16, r * 0x10 + i);
    }
    for (int i = 0; i < 8; i++) {
        mix(dpool[(r + i) % NDATA][2]);
        mix(t[i] & 0xFF);                       /* A and D as the hardware set them */
    }

    /* remap page 3 to another frame */
    dpool[(r + 9) % NDATA][3] = 0xABC0 + r;
    t[3] = PTE(dpool[(r + 9) % NDATA], RW | AD);
    sfence_va(VA(3));
    mix(load64(VA(3) + 24));

    /* downgrade page 4 to read-only (the store faults), unmap page 5 */
    t[4] = PTE(dpool[(r + 4) % NDATA], PTE_V | PTE_R | PTE_A);
    sfence_va(VA(4));
    store64(VA(4), 1);
    mix(load64(VA(4) + 8));
    t[5] = 0;
    sfence_va(VA(5));
    mix(load64(VA(5)));
    store64(VA(5), 2);

    /* a user page: faults without SUM, works with it */
    t[6] = PTE(d0, RW | AD | PTE_U);
    sfence_va(VA(6));
    mix(load64(VA(6) + 8));
    csr_set(sstatus, MSTATUS_SUM);
    mix(load64(VA(6) + 8));
    csr_clear(sstatus, MSTATUS_SUM);

    /* a superpage, then the same range split into 4 KiB pages of one table */
    uint64_t big = BIG + (uint64_t)(r & 1) * MEGAPAGE_SIZE;
    ((uint64_t *)big)[r] = 0x5000 + r;
    l1_a[1] = PTE(big, RW | AD);
    sfence_all();
    mix(load64(SUPER + 8 * r));
    uint64_t *t2 = tpool[(r + 1) % NTABLES];
    for (int i = 0; i < 512; i++)
        t2[i] = PTE(big + (uint64_t)i * PAGE_SIZE, PTE_V | PTE_R | AD);
    l1_a[1] = PTE(t2, PTE_V);
    sfence_all();
    mix(load64(SUPER + 8 * r));
    store64(SUPER, 3);                          /* read-only now */
    l1_a[1] = 0;
    sfence_all();

    /* root B shares the table on odd rounds, maps its own view otherwise */
    l1_b[0] = (r & 1) ? PTE(t, PTE_V) : 0;
    satp_set(root_b, 2);
    mix(load64(VA(3) + 24));
    mix(load64(VA(0) + 8));
    satp_set(root_a, 1);
    mix(load64(VA(3) + 24));
    t[0] = PTE(dpool[(r + 5) % NDATA], RW | AD);   /* changes root B's view too */
    sfence_va(VA(0));
    satp_set(root_b, 2);
    mix(load64(VA(0) + 8));
    satp_set(root_a, 1);

    /* free the table: unlink it, then reuse its page as data */
    l1_a[0] = 0;
    l1_b[0] = 0;
    sfence_all();
    mix(load64(VA(1)));
    for (int i = 0; i < 512; i++)
        t[i] = 0x5A5A000000000000UL + (uint64_t)i * r;
    for (int i = 0; i < 512; i += 37)
        mix(t[i]);
}

static uint64_t kernel_main(uint64_t arg)
{
    satp_set(root_a, 1);
    for (int r = 0; r < ROUNDS; r++)
        round_(r);
    csr_write(satp, 0);
    sfence_all();
    return arg;
}

void handle_mtrap(struct trap_frame *f)
{
    if (is_exit_ecall(f)) {
        m_resume_frame(f);
        return;
    }
    print_kv("M: unexpected trap", f->cause);
    finish(1);
}

int main(void)
{
    print("ptchurn: S kernel rewriting its page tables\n");
    root_a[0] = PTE(0x00000000, RW | AD);
    root_a[2] = PTE(0x80000000, RW | PTE_X | AD | PTE_G);
    root_a[1] = PTE(l1_a, PTE_V);
    root_b[0] = PTE(0x00000000, RW | AD);
    root_b[2] = PTE(0x80000000, RW | PTE_X | AD);
    root_b[1] = PTE(l1_b, PTE_V);
    for (int i = 0; i < NDATA; i++)
        dpool[i][1] = 0x7700 + i;
    csr_write(medeleg, (1 << CAUSE_FETCH_PAGE_FAULT) | (1 << CAUSE_LOAD_PAGE_FAULT) |
                       (1 << CAUSE_STORE_PAGE_FAULT));
    m_enter(PRV_S, (void (*)(uint64_t))kernel_main, 0, (uint64_t)&kstack[1024]);
    csr_write(medeleg, 0);
    print_kv("faults", faults);
    print_kv("fault cause sum", fault_causes);
    print_kv("checksum", sum);
    sig_put64(0, sum);
    sig_put64(1, faults);
    return 0;
}
