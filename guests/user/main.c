/*
 * main.c - the program table and the multi-call dispatch.
 *
 * crt0.S calls umain(argc, argv).  The kernel's exec() always loads this
 * same image, so the program to run is chosen here by argv[0] (after its
 * last '/').  An unknown name prints one line and exits with status 127.
 */
#include "ulib.h"
#include "programs.h"

const struct program programs[] = {
    /* nanobenchmarks */
    { "syscall",   syscall_main,   PROG_ALL, "[iters]" },
    { "mmio_in",   mmio_in_main,   PROG_ALL, "[iters]" },
    { "csr_write", csr_write_main, PROG_ALL, "[iters]" },
    { "callret",   callret_main,   PROG_ALL, "[iters]" },
    { "pgfault",   pgfault_main,   PROG_ALL, "[pages]" },
    { "exc",       exc_main,       PROG_ALL, "[iters]" },
    { "ptemod",    ptemod_main,    PROG_ALL, "[iters]" },
    { "ctxsw",     ctxsw_main,     PROG_ALL, "[round_trips]" },
    { "forkwait",  forkwait_main,  PROG_ALL, "[iters]" },
    { "mmap",      mmap_main,      PROG_ALL, "[iters] [pages] [touched]" },
    { "timer",     timer_main,     PROG_ALL, "[interrupts] [max_ms]" },
    /* macro workloads */
    { "compute",   compute_main,   PROG_ALL, "[rounds]" },
    { "build",     build_main,     PROG_ALL, "[units]" },
    { "tlbstress", tlbstress_main, PROG_ALL, "[accesses] [pages]" },
    { "disk",      disk_main,      0,        "[pio|virtio|pv] [sectors] [base_lba]" },
    /* others */
    { "init",      init_main,      PROG_HIDDEN, "run NAME [args...] [; run NAME ...]" },
    { "hello",     hello_main,     0,        "[words...]" },
    { "cat",       cat_main,       0,        "[bytes]" },
    { "cc",        build_cc_main,  PROG_HIDDEN, "SRC OBJ" },
    { "ld",        build_ld_main,  PROG_HIDDEN, "OUT UNITS" },
    { 0, 0, 0, 0 },
};

const struct program *program_find(const char *name)
{
    for (const struct program *p = programs; p->name; p++)
        if (strcmp(p->name, name) == 0)
            return p;
    return 0;
}

int umain(int argc, char **argv);

int umain(int argc, char **argv)
{
    if (argc < 1 || !argv || !argv[0]) {
        printf("user: no argv[0]\n");
        return 127;
    }
    const struct program *p = program_find(basename(argv[0]));
    if (!p) {
        printf("user: no program '%s'\n", argv[0]);
        return 127;
    }
    return p->main(argc, argv);
}

/* cat: copy console input to the console until bytes (default 1) have been read: a test of
 * console input (the UART's interrupt, or the pv console's event). */
int cat_main(int argc, char **argv)
{
    unsigned long want = arg_count(argc, argv, 1, 1), got = 0;
    char buf[64];
    while (got < want) {
        long n = read(0, buf, want - got < sizeof(buf) ? want - got : sizeof(buf));
        if (n <= 0)
            return 1;
        write(1, buf, (unsigned long)n);
        got += (unsigned long)n;
    }
    return 0;
}

/* hello: a smoke test of the console, argv and getpid. */
int hello_main(int argc, char **argv)
{
    printf("hello from user space:");
    for (int i = 0; i < argc; i++)
        printf(" %s", argv[i]);
    printf("\n");
    return 0;
}
