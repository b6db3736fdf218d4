/* uart.h - the 16550 UART: polled output, interrupt-driven input. */
#ifndef KERNEL_UART_H
#define KERNEL_UART_H

#include "types.h"

struct devinfo;

#define UART_LSR 5                   /* line status register offset */

void uart_init(const struct devinfo *d);
void uart_write(const char *s, size_t n);
uint64_t uart_base(void);

#endif
