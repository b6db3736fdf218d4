/* legacy_shutdown.c - SRST rejects a reserved reset type; the program then
 * powers off through the legacy (v0.1) shutdown call instead of SRST. */
#include "sbi.h"

int main(void)
{
    con_puts("== sbi-legacy-shutdown ==\n");
    put_kv("system_reset(reserved type) error", sbi_ecall(SBI_EXT_SRST, 0, 0x10000, 0, 0, 0, 0, 0).error);
    put_kv("system_reset(shutdown, reserved reason) error",
           sbi_ecall(SBI_EXT_SRST, 0, 0, 0x10000, 0, 0, 0, 0).error);
    con_puts("== done ==\n");
    sbi_legacy(SBI_EXT_LEGACY_SHUTDOWN, 0);
    con_puts("legacy shutdown returned\n");
    return 0;
}
