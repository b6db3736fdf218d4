/*
 * lib.c - console formatting, default trap handlers and the signature
 * dump for the differential programs.
 */
#include "lib.h"

extern uint64_t sig_regs[32];
uint8_t sig_area[256] __attribute__((aligned(64)));

static const char *const reg_names[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0",
    "a1", "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5",
    "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

void print(const char *s)
{
    while (*s)
        uart_putc(*s++);
}

static void print_hex_digits(uint64_t v, int digits)
{
    for (int i = digits - 1; i >= 0; i--)
        uart_putc("0123456789abcdef"[(v >> (4 * i)) & 15]);
}

void print_hex(uint64_t v)
{
    print("0x");
    print_hex_digits(v, 16);
}

void print_kv(const char *key, uint64_t v)
{
    print(key);
    uart_putc('=');
    print_hex(v);
    uart_putc('\n');
}

void sig_put64(int slot, uint64_t v)
{
    ((volatile uint64_t *)sig_area)[slot & 31] = v;
}

/* x1..x31 as captured by crt.S after main(), then sig_area, 16 bytes a line. */
void print_signature(void)
{
    print("--- signature ---\n");
    for (int i = 1; i < 32; i++) {
        print("x");
        uart_putc('0' + i / 10);
        uart_putc('0' + i % 10);
        uart_putc(' ');
        print(reg_names[i]);
        uart_putc('\t');
        print_hex(sig_regs[i]);
        uart_putc('\n');
    }
    for (int off = 0; off < 256; off += 16) {
        print("mem+");
        print_hex_digits(off, 3);
        uart_putc(':');
        for (int i = 0; i < 16; i++) {
            uart_putc(' ');
            print_hex_digits(sig_area[off + i], 2);
        }
        uart_putc('\n');
    }
}

extern char m_enter_return[], s_enter_return[], strap_stack_top[];

void reset_strap_stack(void)
{
    csr_write(sscratch, (uint64_t)strap_stack_top);
}

void m_resume_frame(struct trap_frame *f)
{
    f->epc = (uint64_t)m_enter_return;
    csr_set(mstatus, MSTATUS_MPP);
    csr_clear(mstatus, MSTATUS_MPIE);           /* back in M with MIE = 0 */
}

void s_resume_frame(struct trap_frame *f)
{
    f->epc = (uint64_t)s_enter_return;
    csr_set(sstatus, MSTATUS_SPP);
    csr_clear(sstatus, MSTATUS_SPIE);           /* back in S with SIE = 0 */
}

int is_exit_ecall(const struct trap_frame *f)
{
    return f->cause >= CAUSE_USER_ECALL && f->cause <= CAUSE_MACHINE_ECALL &&
           f->regs[17] == SYS_EXIT;
}

int insn_length(uint64_t addr)
{
    return (*(volatile uint16_t *)addr & 3) == 3 ? 4 : 2;
}

static void unexpected(const char *mode, struct trap_frame *f)
{
    print("unexpected trap in handler ");
    print(mode);
    uart_putc('\n');
    print_kv("cause", f->cause);
    print_kv("tval", f->tval);
    finish(1);
}

__attribute__((weak)) void handle_mtrap(struct trap_frame *f)
{
    unexpected("M", f);
}

__attribute__((weak)) void handle_strap(struct trap_frame *f)
{
    unexpected("S", f);
}

void *memset(void *d, int c, unsigned long n)
{
    unsigned char *p = d;
    while (n--)
        *p++ = (unsigned char)c;
    return d;
}

void *memcpy(void *d, const void *s, unsigned long n)
{
    unsigned char *p = d;
    const unsigned char *q = s;
    while (n--)
        *p++ = *q++;
    return d;
}
