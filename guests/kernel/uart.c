/* uart.c - NS16550A UART driver (PC16550D data sheet; QEMU virt: byte registers, reg-shift 0).
 * Output is polled: wait for LSR.THRE, write THR. Input raises the "received data available"
 * interrupt; the handler drains RBR into the console. */
#include "bootinfo.h"
#include "kernel.h"
#include "mmio.h"
#include "uart.h"

#define UART_RBR 0                   /* receive buffer (read) */
#define UART_THR 0                   /* transmit holding (write) */
#define UART_IER 1                   /* interrupt enable */
#define UART_FCR 2                   /* FIFO control (write) */
#define UART_LCR 3                   /* line control */
#define IER_RX   0x01
#define FCR_FIFO_ENABLE_CLEAR 0x07
#define LCR_8N1  0x03
#define LSR_DR   0x01                /* data ready */
#define LSR_THRE 0x20                /* transmit holding register empty */

/* QEMU virt's UART, so panics before the device tree is read still reach the console. */
static uint64_t base = 0x10000000;

/* uart_intr: move every received byte to the console. */
static void uart_intr(void)
{
    while (mmio_read8(base + UART_LSR) & LSR_DR)
        console_input((char)mmio_read8(base + UART_RBR));
}

/* uart_init: 8N1, FIFOs on, receive interrupt enabled and routed through the PLIC. */
void uart_init(const struct devinfo *d)
{
    base = d->base;
    mmio_write8(base + UART_LCR, LCR_8N1);
    mmio_write8(base + UART_FCR, FCR_FIFO_ENABLE_CLEAR);
    mmio_write8(base + UART_IER, IER_RX);
    irq_register(d->irq, uart_intr);
}

/* uart_write: send n bytes, each after LSR reports the transmitter ready. */
void uart_write(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        while (!(mmio_read8(base + UART_LSR) & LSR_THRE))
            ;
        mmio_write8(base + UART_THR, (uint8_t)s[i]);
    }
}

/* uart_base: the UART's register base (the MMIO nanobenchmark reads LSR). */
uint64_t uart_base(void)
{
    return base;
}
