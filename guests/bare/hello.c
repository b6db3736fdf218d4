/* hello - the smallest guest: one line on the UART, exit status 0. */
#include "bare.h"

int main(void)
{
    uart_puts("hello from a bare-metal rv64imac guest in M-mode\n");
    return 0;
}
