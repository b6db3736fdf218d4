/*
 * muldiv.c - the M extension at its corners: every mul/div/rem variant
 * (64-bit and W forms) over operands that include 0, +-1, the most
 * negative values, and values whose upper halves must be ignored by the W
 * forms.  Division by zero and signed overflow are defined by the ISA (no
 * trap) and are exactly what C leaves undefined, so each instruction is
 * issued with inline assembly.  Every result is printed.
 */
#include "lib.h"

#define RR(op, a, b) ({ uint64_t r_; \
        asm volatile(#op " %0, %1, %2" : "=r"(r_) : "r"(a), "r"(b)); r_; })

static volatile uint64_t vals[] = {
    0, 1, 2, 7, 0xffffffffffffffff, 0xfffffffffffffff9,
    0x8000000000000000, 0x7fffffffffffffff,
    0x0000000080000000, 0xffffffff80000000, 0x000000007fffffff,
    0x00000000ffffffff, 0x0000000100000000, 0x123456789abcdef1,
    0xfedcba9876543210, 0x00000003fffffffd,
};
#define NVALS (sizeof(vals) / sizeof(vals[0]))

#define NOPS 13
static const char *const names[NOPS] = {
    "mul", "mulh", "mulhsu", "mulhu", "mulw", "div", "divu", "rem", "remu",
    "divw", "divuw", "remw", "remuw",
};

static uint64_t run(int op, uint64_t a, uint64_t b)
{
    switch (op) {
    case 0:  return RR(mul, a, b);
    case 1:  return RR(mulh, a, b);
    case 2:  return RR(mulhsu, a, b);
    case 3:  return RR(mulhu, a, b);
    case 4:  return RR(mulw, a, b);
    case 5:  return RR(div, a, b);
    case 6:  return RR(divu, a, b);
    case 7:  return RR(rem, a, b);
    case 8:  return RR(remu, a, b);
    case 9:  return RR(divw, a, b);
    case 10: return RR(divuw, a, b);
    case 11: return RR(remw, a, b);
    default: return RR(remuw, a, b);
    }
}

int main(void)
{
    print("muldiv: M extension corner cases\n");
    print("rows: rs1 index, columns: rs2 index 0..15\n");
    for (int op = 0; op < NOPS; op++) {
        uint64_t h = 0;
        print("== ");
        print(names[op]);
        uart_putc('\n');
        for (unsigned i = 0; i < NVALS; i++) {
            for (unsigned j = 0; j < NVALS; j++) {
                uint64_t r = run(op, vals[i], vals[j]);
                h = ((h << 9) | (h >> 55)) ^ r;
                print_hex(r);
                uart_putc((j & 3) == 3 ? '\n' : ' ');
            }
        }
        sig_put64(op, h);
    }

    /* The definitions spelled out once, for readability of a diff. */
    print_kv("div(x,0)", RR(div, vals[7], vals[0]));
    print_kv("divu(x,0)", RR(divu, vals[7], vals[0]));
    print_kv("rem(x,0)", RR(rem, vals[7], vals[0]));
    print_kv("div(min,-1)", RR(div, vals[6], vals[4]));
    print_kv("rem(min,-1)", RR(rem, vals[6], vals[4]));
    print_kv("divw(int_min,-1)", RR(divw, vals[9], vals[4]));
    print_kv("remw(int_min,-1)", RR(remw, vals[9], vals[4]));
    print_kv("divuw(x,0)", RR(divuw, vals[13], vals[0]));
    print_kv("remuw(x,0)", RR(remuw, vals[13], vals[0]));

    /* Same destination as source, a common decoder slip. */
    uint64_t x = vals[13];
    asm volatile("mul %0, %0, %0" : "+r"(x));
    print_kv("mul(x,x)->x", x);
    sig_put64(13, x);
    return 0;
}
