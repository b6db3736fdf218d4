/* console.c - console output three ways: the legacy putchar, DBCN write (one
 * call for a whole buffer) and DBCN write_byte.  Where DBCN is not available
 * (OpenSBI before v1.3 implements SBI 1.0) the DBCN lines fall back to the
 * legacy putchar, so the output is the same on every SBI implementation;
 * tests/test_sbi.py checks on pyvirt that the DBCN calls were really made. */
#include "sbi.h"

static const char line_write[] = "dbcn write: the quick brown fox jumps over the lazy dog\n";
static const char line_byte[] = "dbcn write_byte: ok\n";

static int dbcn_write(const char *s, long n)
{
    struct sbiret r = sbi_ecall(SBI_EXT_DBCN, 0, n, (long)s, 0, 0, 0, 0);
    return r.error == 0 && r.value == n;
}

int main(void)
{
    con_puts("== sbi-console ==\n");
    const char *legacy = "legacy putchar: ok\n";
    for (const char *p = legacy; *p; p++)
        sbi_legacy(SBI_EXT_LEGACY_PUTCHAR, *p);

    int dbcn = sbi_probe(SBI_EXT_DBCN) != 0;
    if (!dbcn || !dbcn_write(line_write, sizeof(line_write) - 1))
        con_puts(line_write);
    for (const char *p = line_byte; *p; p++) {
        if (!dbcn || sbi_ecall(SBI_EXT_DBCN, 2, *p, 0, 0, 0, 0, 0).error != 0)
            con_putc(*p);
    }
    /* a zero-length write is a successful no-op */
    if (dbcn) {
        struct sbiret r = sbi_ecall(SBI_EXT_DBCN, 0, 0, (long)line_write, 0, 0, 0, 0);
        if (r.error != 0 || r.value != 0)
            con_puts("dbcn empty write: FAILED\n");
    }
    put_kv("legacy getchar with no input", sbi_legacy(0x02, 0));
    /* DBCN console_read (FID 1) is part of the extension: with no input it succeeds
     * and reads 0 bytes (SBI 2.0, 12.2) */
    if (dbcn) {
        static char in[16];
        struct sbiret r = sbi_ecall(SBI_EXT_DBCN, 1, sizeof(in), (long)in, 0, 0, 0, 0);
        if (r.error != 0 || r.value != 0) {
            con_puts("dbcn read (no input): error ");
            put_dec(r.error);
            con_puts(", bytes ");
            put_dec(r.value);
            con_putc('\n');
        }
    }
    con_puts("digits: ");
    put_dec(1234567890);
    con_putc(' ');
    put_dec(-42);
    con_putc(' ');
    put_hex(0xfedcba9876543210ul);
    con_putc('\n');
    return 0;
}
