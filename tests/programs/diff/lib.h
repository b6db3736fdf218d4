/*
 * lib.h - the small runtime of the differential programs: console output
 * in fixed formats, CSR access, the trap frame, the signature area.
 *
 * Output must be a pure function of the program: never print time,
 * cycle or instret values, addresses that depend on the board, or
 * anything a second implementation may legitimately choose differently.
 */
#ifndef DIFF_LIB_H
#define DIFF_LIB_H

#include "riscv_defs.h"

/* ecall with a7 = SYS_EXIT ends a function run by m_enter / s_enter. */
#define SYS_EXIT 93

#ifndef __ASSEMBLER__
#include <stdint.h>

/* CSR access by name: csr_read(mstatus), csr_write(mepc, v), ... */
#define csr_read(csr) ({ uint64_t v_; asm volatile("csrr %0, " #csr : "=r"(v_)); v_; })
#define csr_write(csr, v) asm volatile("csrw " #csr ", %0" :: "r"((uint64_t)(v)))
#define csr_set(csr, v)   asm volatile("csrs " #csr ", %0" :: "r"((uint64_t)(v)))
#define csr_clear(csr, v) asm volatile("csrc " #csr ", %0" :: "r"((uint64_t)(v)))

/* Registers saved by the trap entries in crt.S; regs[0] is always 0. */
struct trap_frame {
    uint64_t regs[32];
    uint64_t epc;
    uint64_t cause;
    uint64_t tval;
    uint64_t status;
};

/* Trap handlers; the defaults (lib.c) report an unexpected trap and fail. */
void handle_mtrap(struct trap_frame *f);
void handle_strap(struct trap_frame *f);

/* Console (crt.S, lib.c). */
void uart_putc(int c);
void print(const char *s);
void print_hex(uint64_t v);                 /* 0x%016x */
void print_kv(const char *key, uint64_t v); /* "key=0x...\n" */

/* Run control (crt.S). */
void finish(int code) __attribute__((noreturn));

/* Run fn(arg) in privilege prv (PRV_U or PRV_S) on stack sp; returns the
 * a0 of the SYS_EXIT ecall (a plain return from fn exits with its value).
 * The M handler must pass that ecall to m_resume_frame(). */
uint64_t m_enter(uint64_t prv, void (*fn)(uint64_t), uint64_t arg, uint64_t sp);
/* The same from S-mode into U-mode, resumed by s_resume_frame(). */
uint64_t s_enter(void (*fn)(uint64_t), uint64_t arg, uint64_t sp);
void m_resume_frame(struct trap_frame *f);
void s_resume_frame(struct trap_frame *f);
/* Re-arm the S trap stack (after an S handler was abandoned by an exit). */
void reset_strap_stack(void);
/* True if the trap is the SYS_EXIT ecall. */
int is_exit_ecall(const struct trap_frame *f);
/* Length (2 or 4) of the instruction at a physical/identity address. */
int insn_length(uint64_t addr);

/* The 256-byte memory part of the signature; programs store results here. */
extern uint8_t sig_area[256];
void sig_put64(int slot, uint64_t v);       /* slot 0..31 */
void print_signature(void);

/* Freestanding helpers the compiler may call. */
void *memset(void *d, int c, unsigned long n);
void *memcpy(void *d, const void *s, unsigned long n);

#endif /* __ASSEMBLER__ */
#endif
