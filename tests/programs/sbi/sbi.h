/*
 * sbi.h - the SBI calls (SBI spec v2.0) the test programs make, CSR accessors
 * and console helpers.  Everything prints through the legacy console putchar
 * (extension 0x01) except console.c, which exercises DBCN explicitly.
 */
#ifndef SBI_H
#define SBI_H

typedef unsigned long u64;
typedef unsigned short u16;

struct sbiret { long error; long value; };

#define SBI_EXT_LEGACY_SET_TIMER      0x00
#define SBI_EXT_LEGACY_PUTCHAR        0x01
#define SBI_EXT_LEGACY_CLEAR_IPI      0x03
#define SBI_EXT_LEGACY_SEND_IPI       0x04
#define SBI_EXT_LEGACY_SHUTDOWN       0x08
#define SBI_EXT_BASE    0x10
#define SBI_EXT_TIME    0x54494D45
#define SBI_EXT_IPI     0x735049
#define SBI_EXT_RFENCE  0x52464E43
#define SBI_EXT_HSM     0x48534D
#define SBI_EXT_SRST    0x53525354
#define SBI_EXT_DBCN    0x4442434E

#define SIE_SSIE (1ul << 1)
#define SIE_STIE (1ul << 5)
#define SIP_SSIP (1ul << 1)
#define SSTATUS_SIE (1ul << 1)
#define CAUSE_INTERRUPT (1ul << 63)
#define IRQ_S_SOFT 1
#define IRQ_S_TIMER 5

static inline struct sbiret sbi_ecall(long ext, long fid, long a0, long a1, long a2, long a3,
                                      long a4, long a5)
{
    register long r0 asm("a0") = a0;
    register long r1 asm("a1") = a1;
    register long r2 asm("a2") = a2;
    register long r3 asm("a3") = a3;
    register long r4 asm("a4") = a4;
    register long r5 asm("a5") = a5;
    register long r6 asm("a6") = fid;
    register long r7 asm("a7") = ext;
    asm volatile("ecall"
                 : "+r"(r0), "+r"(r1)
                 : "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r6), "r"(r7)
                 : "memory");
    return (struct sbiret){ r0, r1 };
}

/* A legacy (v0.1) call: the result is a0 only. */
static inline long sbi_legacy(long ext, long a0)
{
    register long r0 asm("a0") = a0;
    register long r7 asm("a7") = ext;
    asm volatile("ecall" : "+r"(r0) : "r"(r7) : "memory", "a1");
    return r0;
}

#define csr_read(name) ({ u64 _v; asm volatile("csrr %0, " #name : "=r"(_v) :: "memory"); _v; })
#define csr_write(name, v) asm volatile("csrw " #name ", %0" :: "rK"(v) : "memory")
#define csr_set(name, v) asm volatile("csrs " #name ", %0" :: "rK"(v) : "memory")
#define csr_clear(name, v) asm volatile("csrc " #name ", %0" :: "rK"(v) : "memory")

/* lib.c */
void con_putc(char c);
void con_puts(const char *s);            /* no newline added */
void put_dec(long v);
void put_hex(u64 v);
void put_kv(const char *key, long value);   /* "key: value\n" (decimal) */
void put_yes_no(const char *what, int yes); /* "what: yes|no\n" */
long sbi_probe(long ext);
void sbi_shutdown(void);

/* Interrupt handlers: trap() calls irq_handler[cause] for interrupts 0..15. */
typedef void (*irq_fn)(void);
extern irq_fn irq_handler[16];

/* Exceptions: if exc_handler is set, trap() calls it and resumes at the pc it returns. */
typedef u64 (*exc_fn)(u64 cause, u64 epc, u64 tval);
extern exc_fn exc_handler;

#endif
