/*
 * arith.c - RV64I integer arithmetic over a table of edge-case operands.
 *
 * For every operation, the results over all operand pairs are folded into
 * one 64-bit checksum (rotate-xor, no multiply) that is printed and stored
 * in the signature area; a few individual results are printed as well.
 * The operands are volatile so the compiler cannot fold anything away;
 * the C expressions are free of undefined behaviour (shift counts masked,
 * signed overflow done in unsigned arithmetic).
 */
#include "lib.h"

static volatile uint64_t vals[] = {
    0, 1, 2, 3, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff,
    0x7fffffff, 0x80000000, 0xffffffff, 0x100000000,
    0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff,
    0xfffffffffffffffe, 0x0123456789abcdef, 0xfedcba9876543210,
    0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0x00000000deadbeef,
    0xffffffff80000001, 0x000000007ffffffe, 0xc000000000000003,
};
#define NVALS (sizeof(vals) / sizeof(vals[0]))

static uint64_t fold(uint64_t h, uint64_t v)
{
    return ((h << 7) | (h >> 57)) ^ v;
}

static uint64_t sext32(uint64_t v)
{
    return (uint64_t)(int64_t)(int32_t)(uint32_t)v;
}

enum op {
    ADD, SUB, AND, OR, XOR, SLL, SRL, SRA, SLT, SLTU,
    ADDW, SUBW, SLLW, SRLW, SRAW, NOPS
};
static const char *const op_names[NOPS] = {
    "add", "sub", "and", "or", "xor", "sll", "srl", "sra", "slt", "sltu",
    "addw", "subw", "sllw", "srlw", "sraw",
};

static uint64_t apply(enum op op, uint64_t a, uint64_t b)
{
    switch (op) {
    case ADD:  return a + b;
    case SUB:  return a - b;
    case AND:  return a & b;
    case OR:   return a | b;
    case XOR:  return a ^ b;
    case SLL:  return a << (b & 63);
    case SRL:  return a >> (b & 63);
    case SRA:  return (uint64_t)((int64_t)a >> (b & 63));
    case SLT:  return (int64_t)a < (int64_t)b;
    case SLTU: return a < b;
    case ADDW: return sext32((uint32_t)a + (uint32_t)b);
    case SUBW: return sext32((uint32_t)a - (uint32_t)b);
    case SLLW: return sext32((uint32_t)a << (b & 31));
    case SRLW: return sext32((uint32_t)a >> (b & 31));
    case SRAW: return (uint64_t)(int64_t)((int32_t)(uint32_t)a >> (b & 31));
    default:   return 0;
    }
}

/* Register-immediate forms: the immediates are compile-time constants. */
static uint64_t imm_checksum(void)
{
    uint64_t h = 0;
    for (unsigned i = 0; i < NVALS; i++) {
        uint64_t a = vals[i];
        h = fold(h, a + 2047);
        h = fold(h, a - 2048);
        h = fold(h, a & 0x5a5);
        h = fold(h, a | (uint64_t)-16);
        h = fold(h, a ^ 0x7ff);
        h = fold(h, a << 13);
        h = fold(h, a >> 45);
        h = fold(h, (uint64_t)((int64_t)a >> 63));
        h = fold(h, (int64_t)a < -5);
        h = fold(h, a < 17);
        h = fold(h, sext32((uint32_t)a + 1234));
        h = fold(h, sext32((uint32_t)a << 31));
        h = fold(h, sext32((uint32_t)a >> 7));
        h = fold(h, (uint64_t)(int64_t)((int32_t)(uint32_t)a >> 17));
    }
    return h;
}

/* Narrow loads and stores: sign and zero extension through memory. */
static uint64_t mem_checksum(void)
{
    static volatile union {
        uint64_t d[4];
        uint32_t w[8];
        uint16_t h[16];
        uint8_t b[32];
    } buf;
    uint64_t h = 0;
    for (unsigned i = 0; i < NVALS; i++) {
        buf.d[i & 3] = vals[i];
        buf.b[(i * 5) & 31] = (uint8_t)vals[(i + 1) % NVALS];
        buf.h[(i * 3) & 15] = (uint16_t)vals[(i + 2) % NVALS];
        buf.w[(i * 7) & 7] = (uint32_t)vals[(i + 3) % NVALS];
        for (unsigned j = 0; j < 32; j++)
            h = fold(h, (uint64_t)(int64_t)(int8_t)buf.b[j] ^ buf.b[j]);
        for (unsigned j = 0; j < 16; j++)
            h = fold(h, (uint64_t)(int64_t)(int16_t)buf.h[j] + buf.h[j]);
        for (unsigned j = 0; j < 8; j++)
            h = fold(h, (uint64_t)(int64_t)(int32_t)buf.w[j] - buf.w[j]);
        for (unsigned j = 0; j < 4; j++)
            h = fold(h, buf.d[j]);
    }
    return h;
}

/* Branches: count how often each comparison holds. */
static uint64_t branch_counts(void)
{
    uint64_t eq = 0, lt = 0, ltu = 0;
    for (unsigned i = 0; i < NVALS; i++)
        for (unsigned j = 0; j < NVALS; j++) {
            uint64_t a = vals[i], b = vals[j];
            if (a == b) eq++;
            if ((int64_t)a < (int64_t)b) lt++;
            if (a < b) ltu++;
        }
    return eq << 32 | lt << 16 | ltu;
}

int main(void)
{
    print("arith: RV64I integer operations\n");
    for (int op = 0; op < NOPS; op++) {
        uint64_t h = 0;
        for (unsigned i = 0; i < NVALS; i++)
            for (unsigned j = 0; j < NVALS; j++)
                h = fold(h, apply(op, vals[i], vals[j]));
        print_kv(op_names[op], h);
        sig_put64(op, h);
    }
    /* A few single results, easy to read in a diff. */
    print_kv("sra(min,63)", apply(SRA, vals[15], 63));
    print_kv("srlw(-1,0)", apply(SRLW, vals[16], 0));
    print_kv("sraw(0x80000000,31)", apply(SRAW, vals[11], 31));
    print_kv("addw(0x7fffffff,1)", apply(ADDW, vals[10], 1));
    print_kv("sltu(0,-1)", apply(SLTU, 0, vals[16]));

    uint64_t h = imm_checksum();
    print_kv("imm", h);
    sig_put64(16, h);
    h = mem_checksum();
    print_kv("mem", h);
    sig_put64(17, h);
    h = branch_counts();
    print_kv("branches", h);
    sig_put64(18, h);
    return 0;
}
