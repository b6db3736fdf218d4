/* fdt.c - a flattened device tree reader (Devicetree Specification v0.4, chapter 5).
 * One pass over the structure block fills struct bootinfo: memory, /chosen/bootargs, the
 * timebase and the devices the kernel drives, recognised by their compatible strings. */
#include "bootinfo.h"
#include "kernel.h"

#define FDT_MAGIC      0xd00dfeed
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE   2
#define FDT_PROP       3
#define FDT_NOP        4
#define FDT_END        9
#define MAX_DEPTH      16

struct fdt_header {
    uint32_t magic, totalsize, off_dt_struct, off_dt_strings, off_mem_rsvmap;
    uint32_t version, last_comp_version, boot_cpuid_phys, size_dt_strings, size_dt_struct;
};

/* The properties of one node the classifier needs (pointers into the blob). */
struct node {
    const char *name;
    const char *compat;              /* stringlist */
    int compat_len;
    const uint8_t *reg;
    int reg_len;
    int irq;
    int addr_cells, size_cells;      /* #address-cells / #size-cells for this node's children */
};

/* be32: a big-endian 32-bit cell. */
static uint32_t be32(const void *p)
{
    const uint8_t *b = p;
    return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
}

/* cells: a value of n big-endian cells (n = 1 or 2). */
static uint64_t cells(const uint8_t *p, int n)
{
    return n == 2 ? ((uint64_t)be32(p) << 32) | be32(p + 4) : be32(p);
}

/* has_compat: whether the stringlist compat holds the string want. */
static int has_compat(const struct node *n, const char *want)
{
    const char *s = n->compat, *end = n->compat + n->compat_len;
    while (s && s < end) {
        if (strcmp(s, want) == 0)
            return 1;
        s += strlen(s) + 1;
    }
    return 0;
}

/* node_dev: the first reg entry and interrupt of node n, whose parent is p. */
static struct devinfo node_dev(const struct node *n, const struct node *p)
{
    struct devinfo d = {0, 0, n->irq};
    if (n->reg && n->reg_len >= 4 * (p->addr_cells + p->size_cells)) {
        d.base = cells(n->reg, p->addr_cells);
        d.size = cells(n->reg + 4 * p->addr_cells, p->size_cells);
    }
    return d;
}

/* classify: record node n (child of p) in bi if it is something the kernel uses. */
static void classify(const struct node *n, const struct node *p, struct bootinfo *bi)
{
    if (strncmp(n->name, "memory", 6) == 0 && bi->ram_size == 0) {
        struct devinfo d = node_dev(n, p);
        bi->ram_base = d.base;
        bi->ram_size = d.size;
    } else if (has_compat(n, "ns16550a") && bi->uart.size == 0) {
        bi->uart = node_dev(n, p);
    } else if ((has_compat(n, "riscv,plic0") || has_compat(n, "sifive,plic-1.0.0")) && bi->plic.size == 0) {
        bi->plic = node_dev(n, p);
    } else if (has_compat(n, "pyvirt,piodisk")) {
        bi->piodisk = node_dev(n, p);
    } else if (has_compat(n, "virtio,mmio") && bi->nvirtio < MAX_VIRTIO) {
        bi->virtio[bi->nvirtio++] = node_dev(n, p);
    }
}

/* property: apply property name = (val, len) to node n at depth (n's path starts at /). */
static void property(struct node *n, int depth, const char *name, const uint8_t *val, int len,
                     struct bootinfo *bi)
{
    if (strcmp(name, "compatible") == 0) {
        n->compat = (const char *)val;
        n->compat_len = len;
    } else if (strcmp(name, "reg") == 0) {
        n->reg = val;
        n->reg_len = len;
    } else if (strcmp(name, "interrupts") == 0 && len >= 4) {
        n->irq = be32(val);
    } else if (strcmp(name, "#address-cells") == 0 && len == 4) {
        n->addr_cells = be32(val);
    } else if (strcmp(name, "#size-cells") == 0 && len == 4) {
        n->size_cells = be32(val);
    } else if (depth == 1 && strcmp(n->name, "chosen") == 0 && strcmp(name, "bootargs") == 0) {
        strlcpy(bi->bootargs, (const char *)val, MIN((size_t)len + 1, sizeof(bi->bootargs)));
    } else if (depth == 1 && strcmp(n->name, "cpus") == 0 && strcmp(name, "timebase-frequency") == 0) {
        bi->timebase_hz = cells(val, len == 8 ? 2 : 1);
    }
}

/* fdt_parse: fill bi from the device tree blob at physical address dtb. */
void fdt_parse(uint64_t dtb, struct bootinfo *bi)
{
    const struct fdt_header *h = (const struct fdt_header *)dtb;
    if (be32(&h->magic) != FDT_MAGIC)
        panic("no device tree at %p", (void *)dtb);
    const uint8_t *p = (const uint8_t *)dtb + be32(&h->off_dt_struct);
    const char *strings = (const char *)dtb + be32(&h->off_dt_strings);
    struct node stack[MAX_DEPTH];
    int depth = -1;

    for (;;) {
        uint32_t tok = be32(p);
        p += 4;
        if (tok == FDT_BEGIN_NODE) {
            const char *name = (const char *)p;
            p += (strlen(name) + 4) & ~3UL;
            if (++depth >= MAX_DEPTH)
                panic("device tree nested too deeply");
            stack[depth] = (struct node){ .name = name, .addr_cells = 2, .size_cells = 1 };
        } else if (tok == FDT_END_NODE) {
            if (depth > 0)
                classify(&stack[depth], &stack[depth - 1], bi);
            depth--;
        } else if (tok == FDT_PROP) {
            uint32_t len = be32(p), nameoff = be32(p + 4);
            property(&stack[depth], depth, strings + nameoff, p + 8, len, bi);
            p += 8 + ((len + 3) & ~3U);
        } else if (tok == FDT_END) {
            break;
        } else if (tok != FDT_NOP) {
            panic("bad device tree token %d", tok);
        }
    }
    if (bi->ram_size == 0)
        panic("device tree has no memory node");
    if (bi->timebase_hz == 0)
        bi->timebase_hz = 10000000;
}
