/* ktest.c - kernel tests (not shipped): a multi-call program run as init with the names of
 * the tests as boot arguments ("all" for every test). Prints "ok NAME" or "FAIL NAME: ..."
 * per test and exits with the number of failures. */
#include "abi.h"

typedef unsigned long u64;
long syscall(long n, ...);

#define PAGE 4096UL

static int failures;

/* small runtime */
static u64 slen(const char *s) { u64 n = 0; while (s[n]) n++; return n; }
static int seq(const char *a, const char *b) { while (*a && *a == *b) a++, b++; return *a == *b; }
static void puts1(const char *s) { syscall(SYS_write, 1, s, slen(s)); }
static void putnum(long v)
{
    char b[24];
    int n = 0, neg = v < 0;
    u64 x = neg ? -(u64)v : (u64)v;
    do b[n++] = '0' + x % 10; while (x /= 10);
    if (neg) b[n++] = '-';
    char o[24];
    for (int i = 0; i < n; i++) o[i] = b[n - 1 - i];
    syscall(SYS_write, 1, o, n);
}
static long sys_fork(void) { return syscall(SYS_fork); }
static long sys_wait(int *st) { return syscall(SYS_wait, st); }
static void sys_exit(int s) { syscall(SYS_exit, s); }
static long sys_open(const char *p, int f) { return syscall(SYS_open, p, f); }
static long sys_read(int fd, void *b, u64 n) { return syscall(SYS_read, fd, b, n); }
static long sys_write(int fd, const void *b, u64 n) { return syscall(SYS_write, fd, b, n); }
static long sys_close(int fd) { return syscall(SYS_close, fd); }
static u64 now(void) { u64 t; __asm__ volatile("rdtime %0" : "=r"(t)); return t; }

#define CHECK(cond, what) do { if (!(cond)) { fail(name, what, __LINE__); return; } } while (0)

static void fail(const char *name, const char *what, int line)
{
    puts1("FAIL "); puts1(name); puts1(": "); puts1(what); puts1(" line "); putnum(line); puts1("\n");
    failures++;
}

/* child_status: fork, run fn in the child (exit with its value), return the wait status. */
static int child_status(int (*fn)(void))
{
    long pid = sys_fork();
    if (pid == 0)
        sys_exit(fn());
    int st = 12345;
    long w = sys_wait(&st);
    return w == pid ? st : -99999;
}

static void t_fork(const char *name)
{
    int sum = 0, st;
    for (int i = 0; i < 5; i++)
        if (sys_fork() == 0)
            sys_exit(i + 1);
    for (int i = 0; i < 5; i++) {
        CHECK(sys_wait(&st) > 0, "wait");
        sum += st;
    }
    CHECK(sum == 15, "statuses");
    CHECK(sys_wait(0) == -ECHILD, "ECHILD");
}

static void t_orphan(const char *name)
{
    long child = sys_fork(), gc_pid = 0;
    int st;
    if (child == 0) {
        if (sys_fork() == 0) {
            for (int i = 0; i < 20; i++)
                syscall(SYS_yield);
            sys_exit(7);
        }
        sys_exit(1);
    }
    CHECK(sys_wait(&st) == child && st == 1, "child");
    gc_pid = sys_wait(&st);              /* the grandchild was reparented to us (pid 1) */
    CHECK(gc_pid > child && st == 7, "grandchild reparented");
}

static void t_pipe(const char *name)
{
    int fds[2];
    static unsigned char buf[3000];
    CHECK(syscall(SYS_pipe, fds) == 0, "pipe");
    long pid = sys_fork();
    if (pid == 0) {
        sys_close(fds[0]);
        for (int i = 0; i < 20000; i++) {
            unsigned char c = (unsigned char)(i * 7);
            if (sys_write(fds[1], &c, 1) != 1) sys_exit(1);
        }
        sys_exit(0);
    }
    sys_close(fds[1]);
    long total = 0, n;
    int bad = 0, st;
    while ((n = sys_read(fds[0], buf, sizeof(buf))) > 0) {
        for (long i = 0; i < n; i++)
            bad |= buf[i] != (unsigned char)((total + i) * 7);
        total += n;
    }
    CHECK(n == 0 && total == 20000 && !bad, "data");
    CHECK(sys_wait(&st) == pid && st == 0, "writer");
    sys_close(fds[0]);
    CHECK(syscall(SYS_pipe, fds) == 0, "pipe2");
    sys_close(fds[0]);
    CHECK(sys_write(fds[1], "x", 1) == -EPIPE, "EPIPE");
    sys_close(fds[1]);
    CHECK(sys_close(fds[1]) == -EBADF, "EBADF");
}

static volatile char *mid;
static int touch_mid(void) { *mid = 1; return 0; }

static void t_mmap(const char *name)
{
    volatile char *p = (volatile char *)syscall(SYS_mmap, 5 * PAGE, PROT_READ | PROT_WRITE);
    CHECK((long)p > 0, "mmap");
    for (int i = 0; i < 5; i++) {
        CHECK(p[i * PAGE + 100] == 0, "zero-filled");
        p[i * PAGE] = (char)(i + 1);
    }
    CHECK(syscall(SYS_munmap, p + 2 * PAGE, PAGE) == 0, "munmap middle");
    CHECK(p[0] == 1 && p[4 * PAGE] == 5, "kept pages");
    mid = p + 2 * PAGE;
    CHECK(child_status(touch_mid) == -1, "unmapped page kills");
    volatile char *q = (volatile char *)syscall(SYS_mmap, PAGE, PROT_READ | PROT_WRITE);
    CHECK(q == p + 2 * PAGE, "first fit reuses the hole");
    CHECK(q[0] == 0, "fresh page");
    CHECK(syscall(SYS_munmap, p + 1, PAGE) == -EINVAL, "unaligned munmap");
    CHECK(syscall(SYS_munmap, p, 5 * PAGE) == 0, "munmap all");
    CHECK(syscall(SYS_mmap, 0, PROT_READ) == -EINVAL, "mmap 0");
}

static volatile char *brkp;
static int touch_brk(void) { *brkp = 1; return 0; }

static void t_sbrk(const char *name)
{
    char *old = (char *)syscall(SYS_sbrk, 0);
    CHECK((char *)syscall(SYS_sbrk, 3 * PAGE) == old, "grow");
    for (int i = 0; i < 3 * (int)PAGE; i += 512)
        old[i] = (char)i;
    CHECK(old[512] == (char)512, "heap data");
    CHECK((char *)syscall(SYS_sbrk, -3 * (long)PAGE) == old + 3 * PAGE, "shrink");
    brkp = old + PAGE;
    CHECK(child_status(touch_brk) == -1, "freed heap kills");
    CHECK(syscall(SYS_sbrk, -(long)(1UL << 40)) == -ENOMEM, "below base");
}

static unsigned char fbuf[4096];

static void t_fs(const char *name)
{
    long fd = sys_open("/a", O_WRONLY | O_CREAT | O_TRUNC);
    CHECK(fd >= 3, "create");
    for (int i = 0; i < 50000; i += 1000) {
        for (int j = 0; j < 1000; j++)
            fbuf[j] = (unsigned char)((i + j) * 13);
        CHECK(sys_write(fd, fbuf, 1000) == 1000, "write");
    }
    sys_close(fd);
    fd = sys_open("a", O_RDONLY);
    CHECK(fd >= 3, "open");
    long total = 0, n;
    int bad = 0;
    while ((n = sys_read(fd, fbuf, 777)) > 0) {
        for (long j = 0; j < n; j++)
            bad |= fbuf[j] != (unsigned char)((total + j) * 13);
        total += n;
    }
    CHECK(n == 0 && total == 50000 && !bad, "read back");
    CHECK(sys_write(fd, fbuf, 1) == -EBADF, "write to O_RDONLY");
    CHECK(syscall(SYS_unlink, "a") == 0, "unlink open file");
    CHECK(sys_open("a", O_RDONLY) == -ENOENT, "gone from directory");
    sys_close(fd);
    fd = sys_open("big", O_WRONLY | O_CREAT);
    long w = 0;
    while ((n = sys_write(fd, fbuf, 4096)) > 0)
        w += n;
    CHECK(w == 24 * 4096 && n == -ENOSPC, "96 KiB limit");
    sys_close(fd);
    fd = sys_open("big", O_WRONLY | O_TRUNC);
    sys_close(fd);
    fd = sys_open("big", O_RDONLY);
    CHECK(sys_read(fd, fbuf, 10) == 0, "truncated");
    sys_close(fd);
    CHECK(syscall(SYS_unlink, "big") == 0, "unlink");
    char nm[4] = "f00";
    int made = 0;
    for (int i = 0; i < 70; i++) {
        nm[1] = '0' + i / 10; nm[2] = '0' + i % 10;
        fd = sys_open(nm, O_WRONLY | O_CREAT);
        if (fd < 0) {
            CHECK(fd == -ENOSPC, "directory full");
            break;
        }
        sys_write(fd, nm, 3);
        sys_close(fd);
        made++;
    }
    CHECK(made == 64, "64 entries");
    for (int i = 0; i < made; i++) {
        nm[1] = '0' + i / 10; nm[2] = '0' + i % 10;
        CHECK(syscall(SYS_unlink, nm) == 0, "unlink all");
    }
    CHECK(sys_open("nothere", O_RDONLY) == -ENOENT, "ENOENT");
    CHECK(sys_open("a-name-that-is-much-too-long-for-it", O_WRONLY | O_CREAT) == -EINVAL, "long name");
}

static void t_exec(const char *name)
{
    long pid = sys_fork();
    int st;
    if (pid == 0) {
        const char *argv[] = { "echo", "x", "yz", 0 };
        syscall(SYS_exec, "echo", argv);
        sys_exit(100);
    }
    CHECK(sys_wait(&st) == pid && st == 3, "exec'd child returned argc");
}

static volatile int *volatile null_ptr = (volatile int *)16;
static int store_null(void) { *null_ptr = 1; return 0; }
static int store_text(void) { *(volatile int *)0x10000 = 1; return 0; }

static void t_fault(const char *name)
{
    CHECK(child_status(store_null) == -1, "null store");
    CHECK(child_status(store_text) == -1, "text store");
}

static void t_ebreak(const char *name)
{
    for (int i = 0; i < 3; i++)
        __asm__ volatile("ebreak");
    CHECK(1, "");
}

static void t_kbench(const char *name)
{
    static int word = 1;
    CHECK(syscall(SYS_kbench, KB_CSR_WRITE, 100, 0) > 0, "csr");
    CHECK(syscall(SYS_kbench, KB_MMIO_IN, 100, 0) > 0, "mmio");
    CHECK(syscall(SYS_kbench, KB_PTEMOD, 100, &word) > 0, "ptemod");
    CHECK(word == 1, "page still mapped");
    word = 2;
    CHECK(syscall(SYS_kbench, KB_PTEMOD, 1, 0x5000000) == -EFAULT, "unmapped");
    CHECK(syscall(SYS_kbench, 99, 1, 0) == -EINVAL, "bad op");
}

static unsigned char dbuf[8192];

static void t_disk(const char *name)
{
    CHECK(syscall(SYS_disk, DISK_READ, DISK_PV, 0, 1, dbuf) == -ENODEV, "pv");
    for (int drv = DISK_PIO; drv <= DISK_VIRTIO; drv++) {
        long cap = syscall(SYS_disk, DISK_CAPACITY, drv, 0, 0, 0);
        if (cap == -ENODEV)
            continue;
        CHECK(cap > DISK_FS_SECTORS + 16, "capacity");
        for (int i = 0; i < 8192; i++)
            dbuf[i] = (unsigned char)(i * 3 + drv);
        CHECK(syscall(SYS_disk, DISK_WRITE, drv, DISK_FS_SECTORS, 16, dbuf) == 0, "write");
        for (int i = 0; i < 8192; i++)
            dbuf[i] = 0;
        CHECK(syscall(SYS_disk, DISK_READ, drv, DISK_FS_SECTORS, 16, dbuf) == 0, "read");
        int bad = 0;
        for (int i = 0; i < 8192; i++)
            bad |= dbuf[i] != (unsigned char)(i * 3 + drv);
        CHECK(!bad, "data");
        CHECK(syscall(SYS_disk, DISK_READ, drv, cap - 1, 2, dbuf) == -EINVAL, "past the end");
        puts1("  disk driver "); putnum(drv); puts1(" ok\n");
    }
}

static void t_nproc(const char *name)
{
    int fds[2], n = 0, st;
    long pid;
    CHECK(syscall(SYS_pipe, fds) == 0, "pipe");
    while ((pid = sys_fork()) > 0)
        n++;
    if (pid == 0) {
        char c;
        sys_close(fds[1]);
        sys_exit((int)sys_read(fds[0], &c, 1));     /* 0 at EOF */
    }
    CHECK(pid == -EAGAIN, "EAGAIN");
    CHECK(n >= 60, "many processes");
    sys_close(fds[1]);
    sys_close(fds[0]);
    for (int i = 0; i < n; i++)
        CHECK(sys_wait(&st) > 0 && st == 0, "reap");
}

static void t_preempt(const char *name)
{
    int fds[2], st;
    u64 stamp = 0;
    CHECK(syscall(SYS_pipe, fds) == 0, "pipe");
    long pid = sys_fork();
    if (pid == 0) {
        u64 t = now();
        while (now() - t < 20000)       /* 2 ms busy */
            ;
        t = now();
        sys_write(fds[1], &t, 8);
        sys_exit(0);
    }
    u64 start = now();
    while (now() - start < 200000)       /* 20 ms busy, no system calls */
        ;
    u64 end = now();
    CHECK(sys_read(fds[0], &stamp, 8) == 8, "read");
    CHECK(stamp > start && stamp < end, "child ran while the parent spun");
    CHECK(sys_wait(&st) == pid, "wait");
    sys_close(fds[0]);
    sys_close(fds[1]);
}

static void t_time(const char *name)
{
    struct abi_time a, b;
    CHECK(syscall(SYS_time, &a) == 0 && syscall(SYS_time, &b) == 0, "time");
    CHECK(b.cycles > a.cycles && b.ticks >= a.ticks, "monotonic");
    CHECK(syscall(SYS_time, 0x20) == -EFAULT, "EFAULT");
    CHECK(syscall(99) == -ENOSYS, "ENOSYS");
}

static void t_console(const char *name)
{
    char line[64];
    long n;
    while ((n = sys_read(0, line, sizeof(line))) > 0) {
        sys_write(1, "got: ", 5);
        sys_write(1, line, n);
        if (line[0] == 'q')
            return;
    }
    CHECK(0, "console read");
}

static const struct { const char *name; void (*fn)(const char *); } tests[] = {
    {"fork", t_fork}, {"orphan", t_orphan}, {"pipe", t_pipe}, {"mmap", t_mmap},
    {"sbrk", t_sbrk}, {"fs", t_fs}, {"exec", t_exec}, {"fault", t_fault},
    {"ebreak", t_ebreak}, {"kbench", t_kbench}, {"disk", t_disk}, {"nproc", t_nproc},
    {"preempt", t_preempt}, {"time", t_time}, {"console", t_console},
};
#define NOT_IN_ALL "console"          /* needs input */

int main(int argc, char **argv)
{
    if (seq(argv[0], "echo")) {
        for (int i = 1; i < argc; i++) { puts1(argv[i]); puts1(i + 1 < argc ? " " : "\n"); }
        return argc;
    }
    int all = argc < 2 || seq(argv[1], "all");
    for (unsigned t = 0; t < sizeof(tests) / sizeof(tests[0]); t++) {
        int want = all && !seq(tests[t].name, NOT_IN_ALL);
        for (int i = 1; i < argc; i++)
            want |= seq(argv[i], tests[t].name);
        if (!want)
            continue;
        int before = failures;
        tests[t].fn(tests[t].name);
        if (failures == before) { puts1("ok "); puts1(tests[t].name); puts1("\n"); }
    }
    puts1("ktest: "); putnum(failures); puts1(" failures\n");
    return failures;
}
