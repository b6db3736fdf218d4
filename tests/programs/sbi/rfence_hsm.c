/* rfence_hsm.c - the RFENCE calls a kernel makes after changing page tables,
 * and HSM: hart 0 (this hart) is started. */
#include "sbi.h"

int main(long hartid)
{
    con_puts("== sbi-rfence-hsm ==\n");
    put_kv("boot hart id", hartid);
    put_kv("remote_fence_i error", sbi_ecall(SBI_EXT_RFENCE, 0, 1, 0, 0, 0, 0, 0).error);
    put_kv("remote_sfence_vma error", sbi_ecall(SBI_EXT_RFENCE, 1, 1, 0, 0, -1, 0, 0).error);
    put_kv("remote_sfence_vma (range) error",
           sbi_ecall(SBI_EXT_RFENCE, 1, 1, 0, 0x80200000, 0x1000, 0, 0).error);
    put_kv("remote_sfence_vma_asid error", sbi_ecall(SBI_EXT_RFENCE, 2, 0, -1, 0, -1, 0, 0).error);
    /* hart_mask_base 1: hart 1 does not exist (SBI 2.0: SBI_ERR_INVALID_PARAM) */
    put_kv("remote_fence_i (hart 1) error", sbi_ecall(SBI_EXT_RFENCE, 0, 1, 1, 0, 0, 0, 0).error);
    put_kv("remote_sfence_vma (hart 1) error", sbi_ecall(SBI_EXT_RFENCE, 1, 1, 1, 0, -1, 0, 0).error);
    static u64 mask = 1;
    put_kv("legacy remote_fence_i", sbi_legacy(0x05, (long)&mask));
    put_kv("legacy remote_sfence_vma", sbi_legacy(0x06, (long)&mask));
    struct sbiret st = sbi_ecall(SBI_EXT_HSM, 2, 0, 0, 0, 0, 0, 0);
    put_kv("hart_get_status(0) error", st.error);
    con_puts(st.error == 0 && st.value == 0 ? "hart 0: started\n" : "hart 0: not started\n");
    put_kv("hart_get_status(1) error", sbi_ecall(SBI_EXT_HSM, 2, 1, 0, 0, 0, 0, 0).error);
    put_kv("hart_start(0) error", sbi_ecall(SBI_EXT_HSM, 0, 0, 0x80200000, 0, 0, 0, 0).error);
    return 0;
}
