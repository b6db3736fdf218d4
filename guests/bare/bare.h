/*
 * bare.h - the tiny libc-free runtime shared by the bare-metal guests.
 *
 * The programs run in M-mode from 0x8000_0000 on a QEMU-virt-compatible board
 * (`-bios none`).  crt0.S sets up the stack, clears .bss, calls main() and
 * powers the machine off through the sifive_test finisher; uart.c prints on
 * the 16550 UART.  Nothing here allocates memory or uses interrupts.
 */
#ifndef BARE_H
#define BARE_H

#include <stddef.h>
#include <stdint.h>

/* Board addresses (QEMU virt). */
#define UART0_BASE      0x10000000UL    /* 16550, byte registers */
#define FINISHER_BASE   0x00100000UL    /* sifive_test */
#define FINISHER_PASS   0x5555u         /* power off, exit status 0 */
#define FINISHER_FAIL   0x3333u         /* power off, exit status = value >> 16 */

/* crt0.S: power off.  code 0 writes FINISHER_PASS, otherwise
 * FINISHER_FAIL | (code << 16) (QEMU exits with status `code`). */
void poweroff(unsigned code) __attribute__((noreturn));

/* uart.c: polled output on the 16550 (waits for LSR.THRE before each byte). */
void uart_putc(char c);
void uart_puts(const char *s);
/* Unsigned decimal, no padding. */
void uart_putdec(uint64_t v);
/* "0x" followed by exactly `digits` hex digits (1..16), lower case;
 * digits == 0 prints the shortest form ("0x0" for zero). */
void uart_puthex(uint64_t v, unsigned digits);

/* Print "<name> FAIL: <why>\n" and return the exit code to pass back from
 * main (so a failed self-check shows both on the console and in the exit
 * status). */
int fail(const char *name, const char *why, int code);

/* A 64-bit LCG (Knuth's MMIX constants) used to generate deterministic
 * input data.  Returns the new state; callers usually use the high bits. */
static inline uint64_t lcg64(uint64_t *state)
{
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return *state;
}

#endif /* BARE_H */
