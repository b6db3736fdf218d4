/*
 * disk.c - raw block I/O through SYS_disk with a chosen driver.
 *
 *   disk [pio|virtio|pv] [sectors] [base_lba]  (default: virtio 256 DISK_FS_SECTORS)
 *
 * Works on the SECTORS sectors (512 bytes) from BASE_LBA, which the disk
 * must have (checked with DISK_CAPACITY first); their old content is
 * overwritten.  The default base skips the sectors the kernel's file store
 * may occupy on the same disk (abi.h).  Four phases, one BENCH line
 * each, per_iter = cycles per sector:
 *
 *   disk_seq_write   write the region front to back, 8 sectors per request
 *   disk_seq_read    read it back the same way, checking every sector
 *   disk_rand_write  SECTORS single-sector writes at LCG-chosen sectors of
 *                    the region (a second pattern)
 *   disk_rand_read   SECTORS single-sector reads at other LCG-chosen
 *                    sectors, each checked against the pattern it must hold
 *
 * Each line also carries driver=NAME and requests=N.  A sector's content is
 * a function of its LBA and pattern, so every check is exact.
 */
#include "ulib.h"
#include "programs.h"

#define SECTOR      512
#define CHUNK       8           /* sectors per sequential request */

static const char *const driver_names[] = { 0, "pio", "virtio", "pv" };

/* Word i of sector lba in pattern gen. */
static inline uint64_t pattern(uint64_t lba, unsigned i, unsigned gen)
{
    uint64_t x = (lba << 20) ^ ((uint64_t)i << 8) ^ gen ^ 0x9e3779b97f4a7c15ULL;
    x ^= x >> 31;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 29;
    return x;
}

static void fill(uint64_t *buf, uint64_t lba, unsigned gen)
{
    for (unsigned i = 0; i < SECTOR / 8; i++)
        buf[i] = pattern(lba, i, gen);
}

static int check(const uint64_t *buf, uint64_t lba, unsigned gen)
{
    for (unsigned i = 0; i < SECTOR / 8; i++)
        if (buf[i] != pattern(lba, i, gen))
            return 0;
    return 1;
}

static void io(long op, long driver, uint64_t lba, unsigned long count, void *buf)
{
    long r = disk(op, driver, lba, count, buf);
    if (r != 0) {
        printf("disk: %s %s of %lu sectors at lba %lu failed (err=%ld)\n",
               driver_names[driver], op == DISK_READ ? "read" : "write", count,
               (unsigned long)lba, r);
        exit(1);
    }
}

int disk_main(int argc, char **argv)
{
    long driver = DISK_VIRTIO;
    if (argc > 1) {
        for (driver = 1; driver <= 3; driver++)
            if (strcmp(argv[1], driver_names[driver]) == 0)
                break;
        if (driver > 3) {
            printf("disk: unknown driver '%s' (pio, virtio or pv)\n", argv[1]);
            return 2;
        }
    }
    unsigned long n = arg_count(argc, argv, 2, 256);
    unsigned long base = arg_ulong(argc, argv, 3, DISK_FS_SECTORS);
    const char *dn = driver_names[driver];
    long cap = disk(DISK_CAPACITY, driver, 0, 0, 0);
    if (cap < 0) {
        printf("disk: no %s disk (err=%ld)\n", dn, cap);
        return 1;
    }
    if (base + n > (unsigned long)cap || base + n < base) {
        printf("disk: sectors %lu..%lu are beyond the %s disk's %ld sectors\n", base,
               base + n - 1, dn, cap);
        return 1;
    }
    uint64_t *buf = map_touched("disk", CHUNK * SECTOR);
    uint8_t *gen = map_touched("disk", (n + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1));
    unsigned long reqs;
    uint64_t t0, t1;

    /* sequential write, pattern 1 */
    reqs = 0;
    t0 = rdcycle();
    for (unsigned long s = 0; s < n; s += CHUNK) {
        unsigned long c = n - s < CHUNK ? n - s : CHUNK;
        for (unsigned long k = 0; k < c; k++)
            fill(buf + k * (SECTOR / 8), base + s + k, 1);
        io(DISK_WRITE, driver, base + s, c, buf);
        reqs++;
    }
    t1 = rdcycle();
    for (unsigned long s = 0; s < n; s++)
        gen[s] = 1;
    bench_print("disk_seq_write", n, t1 - t0, " driver=%s requests=%lu", dn, reqs);

    /* sequential read */
    reqs = 0;
    t0 = rdcycle();
    for (unsigned long s = 0; s < n; s += CHUNK) {
        unsigned long c = n - s < CHUNK ? n - s : CHUNK;
        memset(buf, 0, CHUNK * SECTOR);
        io(DISK_READ, driver, base + s, c, buf);
        for (unsigned long k = 0; k < c; k++)
            if (!check(buf + k * (SECTOR / 8), base + s + k, 1))
                die("disk", "sequential read: wrong data at lba", (long)(base + s + k));
        reqs++;
    }
    t1 = rdcycle();
    bench_print("disk_seq_read", n, t1 - t0, " driver=%s requests=%lu", dn, reqs);

    /* random write, pattern 2 */
    uint64_t seed = 12345;
    t0 = rdcycle();
    for (unsigned long i = 0; i < n; i++) {
        unsigned long s = (unsigned long)((lcg64(&seed) >> 33) % n);
        fill(buf, base + s, 2);
        io(DISK_WRITE, driver, base + s, 1, buf);
        gen[s] = 2;
    }
    t1 = rdcycle();
    bench_print("disk_rand_write", n, t1 - t0, " driver=%s requests=%lu", dn, n);

    /* random read */
    t0 = rdcycle();
    for (unsigned long i = 0; i < n; i++) {
        unsigned long s = (unsigned long)((lcg64(&seed) >> 33) % n);
        memset(buf, 0, SECTOR);
        io(DISK_READ, driver, base + s, 1, buf);
        if (!check(buf, base + s, gen[s]))
            die("disk", "random read: wrong data at lba", (long)(base + s));
    }
    t1 = rdcycle();
    bench_print("disk_rand_read", n, t1 - t0, " driver=%s requests=%lu", dn, n);
    return 0;
}
