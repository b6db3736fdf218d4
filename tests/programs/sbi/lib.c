/* lib.c - console output through the legacy SBI putchar, the probe and
 * shutdown helpers, and the C side of the trap vector. */
#include "sbi.h"

irq_fn irq_handler[16];
exc_fn exc_handler;

void con_putc(char c)
{
    sbi_legacy(SBI_EXT_LEGACY_PUTCHAR, c);
}

void con_puts(const char *s)
{
    while (*s)
        con_putc(*s++);
}

void put_dec(long v)
{
    char buf[24];
    int i = 0;
    unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;
    if (v < 0)
        con_putc('-');
    do {
        buf[i++] = '0' + u % 10;
        u /= 10;
    } while (u);
    while (i)
        con_putc(buf[--i]);
}

void put_hex(u64 v)
{
    con_puts("0x");
    for (int shift = 60; shift >= 0; shift -= 4)
        con_putc("0123456789abcdef"[(v >> shift) & 15]);
}

void put_kv(const char *key, long value)
{
    con_puts(key);
    con_puts(": ");
    put_dec(value);
    con_putc('\n');
}

void put_yes_no(const char *what, int yes)
{
    con_puts(what);
    con_puts(yes ? ": yes\n" : ": no\n");
}

long sbi_probe(long ext)
{
    struct sbiret r = sbi_ecall(SBI_EXT_BASE, 3, ext, 0, 0, 0, 0, 0);
    return r.error ? 0 : r.value;
}

void sbi_shutdown(void)
{
    con_puts("== done ==\n");
    sbi_ecall(SBI_EXT_SRST, 0, 0 /* shutdown */, 0 /* no reason */, 0, 0, 0, 0);
    con_puts("shutdown returned\n");
    for (;;)
        asm volatile("wfi");
}

void trap(u64 cause, u64 epc, u64 tval)
{
    if ((cause & CAUSE_INTERRUPT) && (cause & 0xff) < 16 && irq_handler[cause & 0xff]) {
        irq_handler[cause & 0xff]();
        return;
    }
    if (!(cause & CAUSE_INTERRUPT) && exc_handler) {
        csr_write(sepc, exc_handler(cause, epc, tval));
        return;
    }
    con_puts("unexpected trap: scause=");
    put_hex(cause);
    con_puts(" sepc=");
    put_hex(epc);
    con_puts(" stval=");
    put_hex(tval);
    con_putc('\n');
    sbi_ecall(SBI_EXT_SRST, 0, 0, 1 /* system failure */, 0, 0, 0, 0);
    for (;;)
        ;
}
