/* probe.c - the base extension: spec version (only whether it is >= 1.0,
 * as implementations differ), probing the extensions a kernel needs, and the
 * errors for unknown extensions and functions. */
#include "sbi.h"

static void probe(const char *name, long ext)
{
    con_puts("probe ");
    con_puts(name);
    con_puts(sbi_probe(ext) ? ": available\n" : ": not available\n");
}

int main(void)
{
    con_puts("== sbi-probe ==\n");
    struct sbiret v = sbi_ecall(SBI_EXT_BASE, 0, 0, 0, 0, 0, 0, 0);
    put_kv("get_spec_version error", v.error);
    put_yes_no("spec version major >= 1", ((v.value >> 24) & 0x7f) >= 1);
    put_yes_no("spec version bit 31 clear", !(v.value & (1l << 31)));
    put_kv("get_impl_id error", sbi_ecall(SBI_EXT_BASE, 1, 0, 0, 0, 0, 0, 0).error);
    put_kv("get_impl_version error", sbi_ecall(SBI_EXT_BASE, 2, 0, 0, 0, 0, 0, 0).error);
    for (int fid = 4; fid <= 6; fid++) {
        struct sbiret r = sbi_ecall(SBI_EXT_BASE, fid, 0, 0, 0, 0, 0, 0);
        con_puts("base function ");
        put_dec(fid);
        con_puts(" error: ");
        put_dec(r.error);
        con_putc('\n');
    }
    put_kv("mvendorid via SBI", sbi_ecall(SBI_EXT_BASE, 4, 0, 0, 0, 0, 0, 0).value);
    probe("TIME", SBI_EXT_TIME);
    probe("IPI", SBI_EXT_IPI);
    probe("RFENCE", SBI_EXT_RFENCE);
    probe("HSM", SBI_EXT_HSM);
    probe("SRST", SBI_EXT_SRST);
    probe("legacy console putchar", SBI_EXT_LEGACY_PUTCHAR);
    probe("0x12345678", 0x12345678);
    put_kv("unknown extension error", sbi_ecall(0x12345678, 0, 0, 0, 0, 0, 0, 0).error);
    put_kv("unknown base function error", sbi_ecall(SBI_EXT_BASE, 99, 0, 0, 0, 0, 0, 0).error);
    put_kv("unknown TIME function error", sbi_ecall(SBI_EXT_TIME, 7, 0, 0, 0, 0, 0, 0).error);
    return 0;
}
