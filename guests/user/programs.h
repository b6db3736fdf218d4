/*
 * programs.h - the programs of the multi-call user image.
 *
 * To add a workload: write `int NAME_main(int argc, char **argv)` in a new
 * file (argv[0] is the program name, argv[1..] its arguments; the return
 * value is the exit status), declare it below, add a row to the table in
 * main.c, add the file to USER_SRCS in guests/Makefile, and describe it in
 * docs/guests.md.
 */
#ifndef PROGRAMS_H
#define PROGRAMS_H

#define PROG_ALL    1   /* part of `run all` (needs no disk, takes default arguments) */
#define PROG_HIDDEN 2   /* a helper exec'd by another program, not a workload */

struct program {
    const char *name;
    int (*main)(int argc, char **argv);
    int flags;
    const char *usage;  /* arguments, for the usage line */
};

/* The table (main.c), in `run all` order, terminated by a null name. */
extern const struct program programs[];
/* The row named name, or 0. */
const struct program *program_find(const char *name);

int init_main(int argc, char **argv);
int hello_main(int argc, char **argv);
int cat_main(int argc, char **argv);
/* nano_sys.c */
int syscall_main(int argc, char **argv);
int mmio_in_main(int argc, char **argv);
int csr_write_main(int argc, char **argv);
int callret_main(int argc, char **argv);
int exc_main(int argc, char **argv);
int ptemod_main(int argc, char **argv);
/* nano_mem.c */
int pgfault_main(int argc, char **argv);
int mmap_main(int argc, char **argv);
/* nano_proc.c */
int ctxsw_main(int argc, char **argv);
int forkwait_main(int argc, char **argv);
/* timer.c */
int timer_main(int argc, char **argv);
/* compute.c, build.c, disk.c, tlbstress.c */
int compute_main(int argc, char **argv);
int build_main(int argc, char **argv);
int build_cc_main(int argc, char **argv);
int build_ld_main(int argc, char **argv);
int disk_main(int argc, char **argv);
int tlbstress_main(int argc, char **argv);

#endif /* PROGRAMS_H */
