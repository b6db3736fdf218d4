/*
 * amo.c - the A extension: every AMO in its word and doubleword form, with
 * rd = the old value and the memory afterwards printed, on words next to
 * sentinel words (so a word AMO that writes 8 bytes shows); and LR/SC
 * sequences: a successful pair, an SC with no reservation, an SC after a
 * successful SC, and a counter incremented in an LR/SC loop.  SC failure is
 * printed as "fail" (any non-zero code), success as "ok".
 */
#include "lib.h"

static volatile uint64_t mem[4] __attribute__((aligned(64)));

#define AMO(op, addr, v) ({ uint64_t r_; \
        asm volatile(#op " %0, %2, (%1)" : "=r"(r_) : "r"(addr), "r"(v) : "memory"); r_; })

static volatile uint64_t vals[] = {
    0x0000000000000005, 0xfffffffffffffffb, 0x0000000080000000,
    0x7fffffff7fffffff, 0x8000000000000000, 0x00000000ffffffff,
};
#define NVALS (sizeof(vals) / sizeof(vals[0]))

static void show(const char *name, uint64_t old)
{
    print(name);
    print(" old=");
    print_hex(old);
    print(" mem=");
    print_hex(mem[0]);
    uart_putc(' ');
    print_hex(mem[1]);
    uart_putc('\n');
}

static void reset(uint64_t init)
{
    mem[0] = init;
    mem[1] = 0x5a5a5a5a5a5a5a5a;
}

/* Word AMOs act on the upper word of mem[0] (address mem + 4). */
#define DO_W(op) do { \
        reset(0x5a5a5a5a); /* sentinel in the lower word */ \
        ((volatile uint32_t *)mem)[1] = (uint32_t)vals[i]; \
        show(#op, AMO(op, (volatile uint32_t *)mem + 1, vals[j])); \
    } while (0)
#define DO_D(op) do { \
        reset(vals[i]); \
        show(#op, AMO(op, mem, vals[j])); \
    } while (0)

static const char *sc_result(uint64_t rd)
{
    return rd ? "fail" : "ok";
}

int main(void)
{
    print("amo: A extension\n");
    for (unsigned i = 0; i < NVALS; i += 2) {
        unsigned j = i + 1;
        print("-- rs1 value ");
        print_hex(vals[i]);
        print(" rs2 ");
        print_hex(vals[j]);
        uart_putc('\n');
        DO_W(amoswap.w); DO_W(amoadd.w); DO_W(amoand.w); DO_W(amoor.w);
        DO_W(amoxor.w); DO_W(amomin.w); DO_W(amomax.w); DO_W(amominu.w);
        DO_W(amomaxu.w);
        DO_D(amoswap.d); DO_D(amoadd.d); DO_D(amoand.d); DO_D(amoor.d);
        DO_D(amoxor.d); DO_D(amomin.d); DO_D(amomax.d); DO_D(amominu.d);
        DO_D(amomaxu.d);
        sig_put64(i, mem[0]);
    }

    /* LR/SC */
    uint64_t v, rd;
    mem[2] = 0x1111;
    asm volatile("sc.d %0, %2, (%1)" : "=r"(rd) : "r"(&mem[2]), "r"(0x2222L) : "memory");
    print("sc without lr: "); print(sc_result(rd)); uart_putc('\n');
    print_kv("mem", mem[2]);
    asm volatile("lr.d %0, (%1)" : "=r"(v) : "r"(&mem[2]) : "memory");
    print_kv("lr.d", v);
    asm volatile("sc.d %0, %2, (%1)" : "=r"(rd) : "r"(&mem[2]), "r"(0x3333L) : "memory");
    print("sc after lr: "); print(sc_result(rd)); uart_putc('\n');
    print_kv("mem", mem[2]);
    asm volatile("sc.d %0, %2, (%1)" : "=r"(rd) : "r"(&mem[2]), "r"(0x4444L) : "memory");
    print("second sc: "); print(sc_result(rd)); uart_putc('\n');
    print_kv("mem", mem[2]);

    ((volatile uint32_t *)mem)[6] = 0x80000001;
    asm volatile("lr.w %0, (%1)" : "=r"(v) : "r"((volatile uint32_t *)mem + 6) : "memory");
    print_kv("lr.w", v);
    asm volatile("sc.w %0, %2, (%1)" : "=r"(rd) : "r"((volatile uint32_t *)mem + 6), "r"(-1L) : "memory");
    print("sc.w after lr.w: "); print(sc_result(rd)); uart_putc('\n');
    print_kv("mem", mem[3]);

    /* Atomic increment loop. */
    mem[3] = 0;
    for (int k = 0; k < 1000; k++) {
        uint64_t tmp, fail;
        asm volatile("1: lr.d.aq %0, (%2)\n"
                     "   addi %0, %0, 3\n"
                     "   sc.d.rl %1, %0, (%2)\n"
                     "   bnez %1, 1b"
                     : "=&r"(tmp), "=&r"(fail) : "r"(&mem[3]) : "memory");
    }
    print_kv("counter", mem[3]);
    sig_put64(8, mem[2]);
    sig_put64(9, mem[3]);
    return 0;
}
