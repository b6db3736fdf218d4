/*
 * sv39.c - a miniature operating system under Sv39.
 *
 * M-mode builds the page tables and enters an S-mode "kernel" with
 * paging on; the kernel runs a "process" in U-mode in its own virtual
 * window, serves its ecalls (print, exit), and reports its page faults
 * (delegated to S) before skipping or killing it.  Along the way it
 * exercises SUM, a 1 GiB identity superpage for the kernel and devices,
 * three-level 4 KiB user mappings, hardware-set A/D bits, and MPRV from
 * M-mode.  Everything printed is an address, a cause or a value.
 *
 * Virtual layout:
 *   0x00000000 + 1 GiB   -> PA 0x00000000, S R W   (devices: UART, CLINT)
 *   0x80000000 + 1 GiB   -> PA 0x80000000, S R W X (this image)
 *   0x40000000 + n*4 KiB -> user pages, see map_user() below
 */
#include "lib.h"

#define PTE(pa, flags) ((((uint64_t)(pa)) >> PAGE_SHIFT) << PTE_PPN_SHIFT | (flags))
#define UVA(n)         (0x40000000UL + (n) * PAGE_SIZE)
#define SYS_PRINT      1

static uint64_t root[512] __attribute__((aligned(4096)));
static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l0[512] __attribute__((aligned(4096)));
static uint64_t udata[512] __attribute__((aligned(4096)));
static uint64_t ustack[512] __attribute__((aligned(4096)));
static uint64_t uro[512] __attribute__((aligned(4096)));
static uint64_t kpriv[512] __attribute__((aligned(4096)));
static uint64_t kstack[1024] __attribute__((aligned(16)));

/*
 * The user program, position independent, only 4-byte instructions (so
 * the kernel can skip a faulting one with epc += 4).  a0 = its data page.
 */
extern char user_prog[];
asm(".pushsection .text.user, \"ax\", @progbits\n"
    ".balign 4096\n"
    ".option push\n"
    ".option norvc\n"
    "user_prog:\n"
    "   mv s0, a0\n"
    "   ld t0, 0(s0)\n"                 /* data page: sets A */
    "   addi t0, t0, 1\n"
    "   sd t0, 8(s0)\n"                 /* sets D */
    "   mv a0, t0\n"
    "   li a7, 1\n"
    "   ecall\n"                        /* print */
    "   li t1, 0\n"
    "   li t2, 100\n"
    "1: add t1, t1, t2\n"
    "   addi t2, t2, -1\n"
    "   bnez t2, 1b\n"
    "   mv a0, t1\n"
    "   li a7, 1\n"
    "   ecall\n"                        /* print 5050 */
    "   li s1, 0x40003000\n"
    "   ld a0, 0(s1)\n"                 /* read-only page: fine */
    "   li a7, 1\n"
    "   ecall\n"
    "   sd a0, 0(s1)\n"                 /* store page fault, skipped */
    "   li s1, 0x40004000\n"
    "   ld a0, 8(s1)\n"                 /* unmapped: load page fault */
    "   li s1, 0x40005000\n"
    "   ld a0, 16(s1)\n"                /* kernel page: load page fault */
    "   addi sp, sp, -16\n"
    "   sd s0, 0(sp)\n"                 /* the stack works */
    "   ld a0, 0(sp)\n"
    "   li a7, 1\n"
    "   ecall\n"
    "   jr s0\n"                        /* data page is not executable: killed */
    ".option pop\n"
    ".popsection\n");

static const char *prv_name(int s)
{
    return s ? "S" : "U";
}

void handle_strap(struct trap_frame *f)
{
    if (f->cause == CAUSE_USER_ECALL && f->regs[17] == SYS_PRINT) {
        print_kv("  user prints", f->regs[10]);
        f->epc += 4;
        return;
    }
    if (is_exit_ecall(f)) {
        s_resume_frame(f);
        return;
    }
    print("  page fault cause=");
    print_hex(f->cause);
    print(" addr=");
    print_hex(f->tval);
    print(" from ");
    print(prv_name(f->status & MSTATUS_SPP));
    uart_putc('\n');
    if (f->cause == CAUSE_FETCH_PAGE_FAULT) {
        print("  killing the process\n");
        f->regs[10] = 0xdead;
        s_resume_frame(f);
        return;
    }
    f->epc += 4;
}

void handle_mtrap(struct trap_frame *f)
{
    if (is_exit_ecall(f)) {
        m_resume_frame(f);
        return;
    }
    print("M: fault cause=");
    print_hex(f->cause);
    print(" addr=");
    print_hex(f->tval);
    uart_putc('\n');
    f->epc += 4;
}

/* A 4-byte load the handlers can skip. */
static uint64_t load64(uint64_t va)
{
    uint64_t v = 0x1111;
    asm volatile(".option push\n.option norvc\nld %0, 0(%1)\n.option pop"
                 : "+r"(v) : "r"(va) : "memory");
    return v;
}

static void print_flags(const char *what, uint64_t pte)
{
    static const char letters[] = "VRWXUGAD";
    print(what);
    print(": ");
    for (int i = 0; i < 8; i++)
        uart_putc(pte & (1UL << i) ? letters[i] : '-');
    uart_putc('\n');
}

static uint64_t kernel_main(uint64_t arg)
{
    print("S: kernel running with paging\n");
    print_kv("  satp.MODE", csr_read(satp) >> 60);

    /* A user page from S: faults unless SUM is set. */
    csr_clear(sstatus, MSTATUS_SUM);
    print_kv("  read user page, SUM=0", load64(UVA(1)));
    csr_set(sstatus, MSTATUS_SUM);
    print_kv("  read user page, SUM=1", load64(UVA(1)));
    csr_clear(sstatus, MSTATUS_SUM);
    /* Unmapped, and not sign-extended from bit 38. */
    print_kv("  read unmapped", load64(0x100000000));   /* pt_root[4] = 0 */
    print_kv("  non-canonical", load64(0x0000004000000000));

    print("S: starting the user process\n");
    uint64_t code = s_enter((void (*)(uint64_t))UVA(0), UVA(1), UVA(2) + PAGE_SIZE);
    print_kv("S: process exited with", code);

    print_flags("  pte code ", l0[0]);
    print_flags("  pte data ", l0[1]);
    print_flags("  pte stack", l0[2]);
    print_flags("  pte ro   ", l0[3]);
    print_flags("  pte kpriv", l0[5]);
    return arg + 1;
}

static void map_user(void)
{
    l0[0] = PTE(user_prog, PTE_V | PTE_R | PTE_X | PTE_U);
    l0[1] = PTE(udata, PTE_V | PTE_R | PTE_W | PTE_U);
    l0[2] = PTE(ustack, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D);
    l0[3] = PTE(uro, PTE_V | PTE_R | PTE_U | PTE_A);
    l0[5] = PTE(kpriv, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
    l1[0] = PTE(l0, PTE_V);
    root[1] = PTE(l1, PTE_V);
}

int main(void)
{
    print("sv39: S kernel and U process under paging\n");
    root[0] = PTE(0x00000000, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
    root[2] = PTE(0x80000000, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D);
    map_user();
    udata[0] = 0x4141;
    uro[0] = 0x5252;
    kpriv[2] = 0x6363;

    csr_write(satp, SATP_MODE_SV39 | ((uint64_t)root >> PAGE_SHIFT));
    asm volatile("sfence.vma" ::: "memory");
    csr_write(medeleg, (1 << CAUSE_USER_ECALL) | (1 << CAUSE_FETCH_PAGE_FAULT) |
                       (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT));

    uint64_t r = m_enter(PRV_S, (void (*)(uint64_t))kernel_main, 41,
                         (uint64_t)&kstack[1024]);
    print_kv("M: kernel returned", r);
    csr_write(medeleg, 0);
    reset_strap_stack();

    /* MPRV: M-mode loads through the user's view. */
    print("M: MPRV loads as U\n");
    csr_clear(mstatus, MSTATUS_MPP);
    csr_set(mstatus, MSTATUS_MPRV);            /* MPP = U */
    uint64_t a = load64(UVA(1) + 8);
    uint64_t b = load64(UVA(5) + 16);          /* not a U page: faults in M */
    csr_clear(mstatus, MSTATUS_MPRV);
    csr_set(mstatus, MSTATUS_MPP);
    print_kv("  user data[1]", a);
    print_kv("  kernel page via U", b);

    csr_write(satp, 0);
    asm volatile("sfence.vma" ::: "memory");
    print_kv("M: udata[1]", udata[1]);
    sig_put64(0, udata[1]);
    sig_put64(1, l0[0] & 0xff);
    sig_put64(2, l0[1] & 0xff);
    sig_put64(3, r);
    return 0;
}
