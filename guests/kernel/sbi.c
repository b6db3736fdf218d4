/* sbi.c - SBI calls (SBI v2.0, chapter 3 "Binary Encoding"): ecall with a7 = extension id,
 * a6 = function id, arguments in a0..a5; the firmware returns error in a0, value in a1. */
#include "sbi.h"

#define SBI_EXT_TIME 0x54494D45      /* "TIME" */
#define SBI_EXT_SRST 0x53525354      /* "SRST" */
#define SRST_TYPE_SHUTDOWN   0
#define SRST_REASON_NONE     0
#define SRST_REASON_FAILURE  1

/* sbi_call: one SBI call with up to two arguments; returns the error code. */
static long sbi_call(uint64_t ext, uint64_t fid, uint64_t arg0, uint64_t arg1)
{
    register uint64_t a0 __asm__("a0") = arg0;
    register uint64_t a1 __asm__("a1") = arg1;
    register uint64_t a6 __asm__("a6") = fid;
    register uint64_t a7 __asm__("a7") = ext;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a6), "r"(a7) : "memory");
    return (long)a0;
}

/* sbi_set_timer: TIME extension, set_timer (FID 0): next timer interrupt at mtime deadline. */
void sbi_set_timer(uint64_t deadline)
{
    sbi_call(SBI_EXT_TIME, 0, deadline, 0);
}

/* sbi_system_reset: SRST extension, system_reset (FID 0): shut down, with reason "system
 * failure" if failure, else "no reason". Spins if the firmware refuses. */
void sbi_system_reset(int failure)
{
    sbi_call(SBI_EXT_SRST, 0, SRST_TYPE_SHUTDOWN, failure ? SRST_REASON_FAILURE : SRST_REASON_NONE);
    for (;;)
        ;
}
