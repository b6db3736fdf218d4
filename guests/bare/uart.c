/*
 * uart.c - polled output on the 16550 UART of QEMU virt, and the few
 * helpers the guests print with.  No interrupts, no FIFO set-up: QEMU's
 * 16550 (and pyvirt's) accepts bytes in THR straight after reset.
 */
#include "bare.h"

#define UART_THR    0           /* transmit holding register (write) */
#define UART_LSR    5           /* line status register (read) */
#define LSR_THRE    (1u << 5)   /* THR empty: ready for the next byte */

static inline volatile uint8_t *uart_reg(unsigned off)
{
    return (volatile uint8_t *)(UART0_BASE + off);
}

/* Wait until the transmitter can take a byte, then write it to THR. */
void uart_putc(char c)
{
    while ((*uart_reg(UART_LSR) & LSR_THRE) == 0)
        ;
    *uart_reg(UART_THR) = (uint8_t)c;
}

void uart_puts(const char *s)
{
    while (*s)
        uart_putc(*s++);
}

void uart_putdec(uint64_t v)
{
    char buf[20];               /* 2^64 - 1 has 20 digits */
    int n = 0;

    do {
        buf[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0)
        uart_putc(buf[--n]);
}

void uart_puthex(uint64_t v, unsigned digits)
{
    static const char hex[] = "0123456789abcdef";

    if (digits == 0) {          /* shortest form */
        digits = 1;
        while (digits < 16 && (v >> (4 * digits)) != 0)
            digits++;
    } else if (digits > 16) {
        digits = 16;
    }
    uart_puts("0x");
    while (digits-- > 0)
        uart_putc(hex[(v >> (4 * digits)) & 0xf]);
}

int fail(const char *name, const char *why, int code)
{
    uart_puts(name);
    uart_puts(" FAIL: ");
    uart_puts(why);
    uart_putc('\n');
    return code;
}

/* Called by crt0's trap_entry on any trap; crt0 then powers off with 0xEE. */
void bare_trap(uint64_t mcause, uint64_t mepc, uint64_t mtval)
{
    uart_puts("bare: unexpected trap mcause=");
    uart_puthex(mcause, 0);
    uart_puts(" mepc=");
    uart_puthex(mepc, 0);
    uart_puts(" mtval=");
    uart_puthex(mtval, 0);
    uart_putc('\n');
}
