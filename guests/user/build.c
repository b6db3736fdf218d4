/*
 * build.c - the shape of a software build: many short processes, each doing
 * small file I/O (open / write / close / read / unlink) and a little work.
 *
 *   build [units]   (default 10) the driver, like `make -j1` over UNITS files:
 *     1. writes UNITS pseudo-C sources uNN.c (1-2 KiB each, 512-byte writes)
 *     2. per unit: fork + exec("cc", ["cc", "uNN.c", "uNN.o"]) + wait
 *     3. fork + exec("ld", ["ld", "a.out", UNITS]) + wait
 *     4. reads a.out back and checks it, then unlinks every file ("make clean")
 *     and prints BENCH with per_iter = cycles per unit (all four steps timed),
 *     files = files created, bytes = bytes written, image = a.out's checksum.
 *   cc SRC OBJ   "compiles": reads SRC, writes a temporary uNN.s (one line
 *                per source line: its number and hash), reads it back,
 *                writes OBJ (a header and the line hashes), unlinks uNN.s
 *   ld OUT N     "links": reads u00.o..u(N-1).o, writes OUT (a header, one
 *                16-byte record per object and a checksum)
 *
 * Every file stays below 4 KiB; at most 2 * UNITS + 2 exist at once.  All
 * content is a function of UNITS, so `image` is identical on every machine.
 */
#include "ulib.h"
#include "programs.h"

#define FILE_MAX   4096         /* largest file any step handles */
#define IO_CHUNK   512          /* bytes per write() */
#define MAX_UNITS  30           /* 2 * units + 2 files exist at once; the store holds 64 */
#define OBJ_MAGIC  0x314a424fu  /* "OBJ1" */
#define EXE_MAGIC  0x31455845u  /* "EXE1" */

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 0x100000001b3ULL;
    return h;
}
#define FNV_INIT 0xcbf29ce484222325ULL

static void unit_name(char *buf, unsigned long u, const char *ext)
{
    snprintf(buf, 16, "u%02lu.%s", u, ext);
}

/* Create path with len bytes of data (in IO_CHUNK writes); dies on error. */
static void write_file(const char *prog, const char *path, const void *data, size_t len)
{
    long fd = open(path, O_WRONLY | O_CREAT | O_TRUNC);
    if (fd < 0)
        die(prog, "open for writing failed", fd);
    for (size_t off = 0; off < len;) {
        size_t n = len - off < IO_CHUNK ? len - off : IO_CHUNK;
        long r = write((int)fd, (const char *)data + off, n);
        if (r <= 0)
            die(prog, "write failed", r);
        off += (size_t)r;
    }
    long r = close((int)fd);
    if (r != 0)
        die(prog, "close failed", r);
}

/* Read all of path (at most cap bytes) into buf; returns its length. */
static size_t read_file(const char *prog, const char *path, void *buf, size_t cap)
{
    long fd = open(path, O_RDONLY);
    if (fd < 0)
        die(prog, "open for reading failed", fd);
    size_t len = 0;
    for (;;) {
        if (len == cap)
            die(prog, "file too large", (long)len);
        long r = read((int)fd, (char *)buf + len, cap - len < IO_CHUNK ? cap - len : IO_CHUNK);
        if (r < 0)
            die(prog, "read failed", r);
        if (r == 0)
            break;
        len += (size_t)r;
    }
    close((int)fd);
    return len;
}

/* fork + exec(argv[0], argv) + wait; dies unless the child exits with 0. */
static void spawn(char **argv)
{
    long pid = fork();
    if (pid == 0) {
        long r = exec(argv[0], argv);
        die(argv[0], "exec failed", r);
    }
    if (is_err(pid))
        die("build", "fork failed", pid);
    int status = -1;
    long w = wait(&status);
    if (w != pid || status != 0) {
        printf("build: %s %s exited with status %d\n", argv[0], argv[1], status);
        exit(1);
    }
}

/* Pseudo-C source of unit u: 1-2 KiB of function definitions. */
static size_t make_source(char *buf, unsigned long u)
{
    uint64_t seed = 1000 + u;
    size_t target = 1024 + (u * 397) % 1024, len = 0;
    len += (size_t)snprintf(buf, FILE_MAX, "/* unit %lu */\n#include \"common.h\"\n", u);
    for (int f = 0; len < target; f++) {
        uint64_t r = lcg64(&seed);
        len += (size_t)snprintf(buf + len, FILE_MAX - len,
                                "static int f%lu_%d(int x) { return x * %u + %u; }\n", u, f,
                                (unsigned)(r >> 48), (unsigned)((r >> 32) & 0xffff));
    }
    return len;
}

int build_main(int argc, char **argv)
{
    unsigned long units = arg_count(argc, argv, 1, 10);
    if (units > MAX_UNITS)
        die("build", "too many units", (long)units);
    char *buf = map_touched("build", FILE_MAX);
    char name[16], obj[16], count[16];
    unsigned long files = 0, bytes = 0;

    uint64_t t0 = rdcycle();
    for (unsigned long u = 0; u < units; u++) {
        size_t len = make_source(buf, u);
        unit_name(name, u, "c");
        write_file("build", name, buf, len);
        files++;
        bytes += len;
    }
    for (unsigned long u = 0; u < units; u++) {
        unit_name(name, u, "c");
        unit_name(obj, u, "o");
        char *cc[] = { "cc", name, obj, 0 };
        spawn(cc);
    }
    snprintf(count, sizeof count, "%lu", units);
    char *ld[] = { "ld", "a.out", count, 0 };
    spawn(ld);
    size_t len = read_file("build", "a.out", buf, FILE_MAX);
    uint64_t image = fnv(FNV_INIT, buf, len);
    uint32_t magic;
    memcpy(&magic, buf, 4);
    if (len != 16 + 16 * units + 8 || magic != EXE_MAGIC)
        die("build", "a.out is malformed", (long)len);
    for (unsigned long u = 0; u < units; u++) {
        unit_name(name, u, "c");
        unit_name(obj, u, "o");
        long r1 = unlink(name), r2 = unlink(obj);
        if (r1 || r2)
            die("build", "unlink failed", r1 ? r1 : r2);
    }
    long r = unlink("a.out");
    if (r)
        die("build", "unlink failed", r);
    uint64_t t1 = rdcycle();

    /* the objects and a.out: their sizes follow from the sources */
    files += 2 * units + 1;  /* .s (temporary) and .o per unit, a.out */
    munmap(buf, FILE_MAX);
    bench_print("build", units, t1 - t0, " files=%lu source_bytes=%lu image=0x%016lx", files,
                bytes, (unsigned long)image);
    return 0;
}

int build_cc_main(int argc, char **argv)
{
    if (argc != 3)
        die("cc", "usage: cc SRC OBJ", argc);
    char *src = map_touched("cc", 2 * FILE_MAX);
    char *out = src + FILE_MAX;
    char tmpname[16];
    size_t n = strlen(argv[2]);
    if (n < 2 || n > 14)
        die("cc", "bad object name", (long)n);
    strcpy(tmpname, argv[2]);
    tmpname[n - 1] = 's';

    /* "compile": one assembler line per source line */
    size_t len = read_file("cc", argv[1], src, FILE_MAX);
    size_t olen = 0, start = 0;
    unsigned long line = 0;
    for (size_t i = 0; i < len; i++) {
        if (src[i] != '\n')
            continue;
        uint64_t h = fnv(FNV_INIT, src + start, i - start);
        olen += (size_t)snprintf(out + olen, FILE_MAX - olen, "L%lu %016lx\n", line++,
                                 (unsigned long)h);
        if (olen >= FILE_MAX - 32)
            die("cc", "assembly too large", (long)olen);
        start = i + 1;
    }
    write_file("cc", tmpname, out, olen);

    /* "assemble": read the .s back, emit a binary object */
    len = read_file("cc", tmpname, src, FILE_MAX);
    uint32_t hdr[2] = { OBJ_MAGIC, 0 };
    olen = sizeof hdr;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && src[j] != ' ')
            j++;
        unsigned long h = 0;
        char hex[20];
        if (j + 17 >= len || src[j + 17] != '\n')
            die("cc", "bad assembly line", (long)hdr[1]);
        memcpy(hex, "0x", 2);
        memcpy(hex + 2, src + j + 1, 16);
        hex[18] = '\0';
        if (parse_ulong(hex, &h) != 0)
            die("cc", "bad assembly hash", (long)hdr[1]);
        memcpy(out + olen, &h, 8);
        olen += 8;
        hdr[1]++;
        i = j + 18;
    }
    memcpy(out, hdr, sizeof hdr);
    long r = unlink(tmpname);
    if (r)
        die("cc", "unlink failed", r);
    write_file("cc", argv[2], out, olen);
    return 0;
}

int build_ld_main(int argc, char **argv)
{
    unsigned long units;
    if (argc != 3 || parse_ulong(argv[2], &units) != 0 || units > MAX_UNITS)
        die("ld", "usage: ld OUT UNITS", argc);
    char *obj = map_touched("ld", 2 * FILE_MAX);
    char *out = obj + FILE_MAX;
    char name[16];
    uint32_t hdr[4] = { EXE_MAGIC, (uint32_t)units, 0, 0 };
    size_t olen = sizeof hdr;
    uint64_t total = FNV_INIT;

    for (unsigned long u = 0; u < units; u++) {
        unit_name(name, u, "o");
        size_t len = read_file("ld", name, obj, FILE_MAX);
        uint32_t ohdr[2];
        memcpy(ohdr, obj, sizeof ohdr);
        if (len < 8 || ohdr[0] != OBJ_MAGIC || len != 8 + 8 * (size_t)ohdr[1])
            die("ld", "bad object", (long)u);
        uint64_t rec[2] = { ohdr[1], fnv(FNV_INIT, obj, len) };
        memcpy(out + olen, rec, sizeof rec);
        olen += sizeof rec;
        total = fnv(total, rec, sizeof rec);
        hdr[2] += ohdr[1];
    }
    memcpy(out, hdr, sizeof hdr);
    memcpy(out + olen, &total, 8);
    olen += 8;
    write_file("ld", argv[1], out, olen);
    return 0;
}
