/*
 * nano_proc.c - process nanobenchmarks:
 *
 *   ctxsw     two processes pass one byte back and forth over two pipes
 *             (lmbench lat_ctx 2p/0K); per_iter = one round trip (two
 *             switches), per_switch = half of it
 *   forkwait  fork(); the child exits at once; the parent waits (the AA06
 *             forkwait loop); per_iter = one fork + exit + wait
 */
#include "ulib.h"
#include "programs.h"

/* Read one byte, retrying (after a yield) while the pipe is empty should
 * the kernel's pipes be non-blocking.  Returns the byte, or dies. */
static unsigned char read_byte(int fd)
{
    unsigned char b;
    for (;;) {
        long r = read(fd, &b, 1);
        if (r == 1)
            return b;
        if (r == -EAGAIN) {
            yield();
            continue;
        }
        die("ctxsw", r == 0 ? "pipe closed" : "pipe read failed", r);
    }
}

static void write_byte(int fd, unsigned char b)
{
    long r = write(fd, &b, 1);
    if (r != 1)
        die("ctxsw", "pipe write failed", r);
}

int ctxsw_main(int argc, char **argv)
{
    unsigned long n = arg_count(argc, argv, 1, 1000);
    int down[2], up[2];             /* parent -> child, child -> parent */
    long r;

    if ((r = pipe(down)) != 0 || (r = pipe(up)) != 0)
        die("ctxsw", "pipe failed", r);
    long pid = fork();
    if (is_err(pid))
        die("ctxsw", "fork failed", pid);
    if (pid == 0) {
        close(down[1]);
        close(up[0]);
        /* one warm-up round trip, then n: reply with the byte plus one */
        for (unsigned long i = 0; i <= n; i++)
            write_byte(up[1], (unsigned char)(read_byte(down[0]) + 1));
        exit(0);
    }
    close(down[0]);
    close(up[1]);

    unsigned char b = 0;
    write_byte(down[1], b);
    b = read_byte(up[0]);
    int ok = (b == 1);

    uint64_t t0 = rdcycle();
    for (unsigned long i = 0; i < n; i++) {
        write_byte(down[1], b);
        unsigned char c = read_byte(up[0]);
        ok &= (c == (unsigned char)(b + 1));
        b = c;
    }
    uint64_t t1 = rdcycle();

    int status = -1;
    long w = wait(&status);
    close(down[1]);
    close(up[0]);
    if (!ok)
        die("ctxsw", "wrong byte from the partner", b);
    if (w != pid || status != 0)
        die("ctxsw", "partner did not exit cleanly", status);
    char half[32];
    bench_print("ctxsw", n, t1 - t0, " per_switch=%s", fixed2(half, t1 - t0, 2 * n));
    return 0;
}

int forkwait_main(int argc, char **argv)
{
    unsigned long n = arg_count(argc, argv, 1, 200);
    long bad = 0;

    uint64_t t0 = rdcycle();
    for (unsigned long i = 0; i < n; i++) {
        long pid = fork();
        if (pid == 0)
            exit(0);
        if (is_err(pid)) {
            bad = pid;
            break;
        }
        int status = -1;
        long w = wait(&status);
        if (w != pid || status != 0) {
            bad = is_err(w) ? w : -1;
            break;
        }
    }
    uint64_t t1 = rdcycle();

    if (bad)
        die("forkwait", "fork/wait failed", bad);
    bench_print("forkwait", n, t1 - t0, 0);
    return 0;
}
