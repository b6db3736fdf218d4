/*
 * privstate.c - what a guest can learn about the machine's privileged
 * state: identification CSRs, misa, the WARL masks of mstatus, sstatus,
 * the delegation and interrupt-enable registers, satp's legal modes, the
 * counter enables seen from S and U, and the relations between time,
 * cycle and instret.  A virtual machine monitor that emulates these must
 * show the guest exactly the same values (time and counters are compared
 * by their relations only).
 */
#include "lib.h"

#define SATP_ASID_SHIFT 44
/* the mstatus bits an RV64 hart without F/V/H has (SIE MIE SPIE MPIE SPP MPP MPRV SUM MXR TVM TW TSR) */
#define MSTATUS_CORE 0x7E19AAUL

static uint64_t ustack[512] __attribute__((aligned(16)));
static uint64_t sstack[512] __attribute__((aligned(16)));
static int trapped;

void handle_mtrap(struct trap_frame *f)
{
    if (is_exit_ecall(f)) {
        m_resume_frame(f);
        return;
    }
    trapped = 1;
    f->epc += insn_length(f->epc);
}

void handle_strap(struct trap_frame *f)
{
    if (is_exit_ecall(f)) {
        s_resume_frame(f);
        return;
    }
    trapped = 1;
    f->epc += insn_length(f->epc);
}

/* Write all ones, read back, restore; print the bits that stuck. */
#define WARL(name, csr, mask) do { \
        uint64_t old_ = csr_read(csr); \
        csr_write(csr, -1L); \
        uint64_t got_ = csr_read(csr); \
        csr_write(csr, 0); \
        uint64_t zero_ = csr_read(csr); \
        csr_write(csr, old_); \
        print_kv(name " ones", got_ & (mask)); \
        print_kv(name " zero", zero_ & (mask)); \
    } while (0)

static void counters(const char *who)
{
    uint64_t t0, t1, c0, c1, i0, i1;
    trapped = 0;
    asm volatile("rdtime %0" : "=r"(t0));
    asm volatile("rdcycle %0" : "=r"(c0));
    asm volatile("rdinstret %0" : "=r"(i0));
    for (volatile int k = 0; k < 200; k++)
        ;
    asm volatile("rdtime %0" : "=r"(t1));
    asm volatile("rdcycle %0" : "=r"(c1));
    asm volatile("rdinstret %0" : "=r"(i1));
    print(who);
    print(trapped ? ": counters trap\n" : ": counters readable\n");
    if (!trapped) {
        print_kv("  time advances", t1 > t0);
        print_kv("  cycle advances", c1 > c0);
        print_kv("  instret advances by >= 200", i1 - i0 >= 200);
    }
}

static void in_u(uint64_t arg)
{
    (void)arg;
    counters("U");
}

static void in_s(uint64_t arg)
{
    (void)arg;
    counters("S");
    print_kv("sstatus.UXL", (csr_read(sstatus) >> MSTATUS_UXL_SHIFT) & 3);
    print_kv("sstatus", csr_read(sstatus) & MSTATUS_CORE);
    WARL("sstatus", sstatus, MSTATUS_CORE);
    WARL("sie", sie, 0xFFF);
    WARL("scounteren", scounteren, 0x7);
    print_kv("satp (bare)", csr_read(satp));
    csr_write(scounteren, 0);
    s_enter(in_u, 0, (uint64_t)&ustack[512]);
    csr_write(scounteren, 7);
    s_enter(in_u, 0, (uint64_t)&ustack[512]);
}

int main(void)
{
    print("privstate: the privileged state a guest can see\n");
    print_kv("misa", csr_read(misa));
    print_kv("mvendorid", csr_read(mvendorid));
    print_kv("mhartid", csr_read(mhartid));
    print_kv("mstatus.UXL/SXL", (csr_read(mstatus) >> MSTATUS_UXL_SHIFT) & 0xF);
    WARL("mstatus", mstatus, MSTATUS_CORE);
    WARL("medeleg", medeleg, 0xB3FF);
    WARL("mideleg", mideleg, 0x222);
    WARL("mie", mie, 0xAAA);
    WARL("mcounteren", mcounteren, 0x7);
    WARL("mtvec (vectored)", mtvec, 3);

    /* satp: Sv39 sticks (ASID bits too), an unsupported mode is ignored */
    uint64_t root = 0x80000000UL >> PAGE_SHIFT;
    csr_write(satp, SATP_MODE_SV39 | (5UL << SATP_ASID_SHIFT) | root);
    print_kv("satp Sv39", csr_read(satp) >> 60);
    print_kv("satp ASID 5 readable", ((csr_read(satp) >> SATP_ASID_SHIFT) & 0xFFFF) == 5);
    csr_write(satp, (15UL << 60) | root);
    print_kv("satp after writing a reserved mode (ignored)", csr_read(satp) >> 60);
    csr_write(satp, 0);

    counters("M");
    csr_write(medeleg, 1 << CAUSE_USER_ECALL);     /* U's exit ecall returns to the S caller */
    csr_write(mcounteren, 0);
    m_enter(PRV_S, in_s, 0, (uint64_t)&sstack[512]);
    csr_write(mcounteren, 7);
    m_enter(PRV_S, in_s, 0, (uint64_t)&sstack[512]);
    csr_write(medeleg, 0);
    print("done\n");
    return 0;
}
