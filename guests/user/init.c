/*
 * init.c - process 1: runs the workloads the boot arguments name.
 *
 * The kernel starts init as argv = ["init", <bootargs words>...].  The words
 * form commands:
 *
 *     run NAME [ARGS...]      a command; a new `run` word starts the next one
 *     ;                       also ends a command (may be glued to a word:
 *                             "syscall;" or ";run"); the word after a `;`
 *                             starts a command even without `run`
 *     run all                 every workload flagged PROG_ALL, default arguments
 *
 * e.g. "run syscall; run pgfault 1000", "run syscall run pgfault 1000",
 * "run all".  Words before the first `run` or `;` are ignored (other boot
 * options).  For each command init forks; the child execs NAME with argv =
 * [NAME, ARGS...]; init waits for it and prints
 *
 *     DONE name=NAME status=S
 *
 * An unknown NAME prints "init: unknown workload 'NAME'" and counts as a
 * failure with status 127 (a DONE line follows too).  At the end init prints
 * "SUMMARY ran=N failed=F" and exits with 0 when every command exited 0, 1
 * otherwise (the kernel then powers off).
 *
 * The boot word `console` makes init, before running anything, print the prompt
 * line "CONSOLE command?" and read one line from the console (fd 0), e.g.
 * "run syscall 100; run exc 10"; its words follow the boot words, so the line
 * runs as if it had been on the command line (after the boot words' commands).
 */
#include "ulib.h"
#include "programs.h"

#define MAX_WORDS 64            /* words of all commands together */
#define MAX_ARGS  15            /* words of one command, NAME included */
#define LINE_MAX  256           /* bytes of the console command line, newline included */

static char *words[MAX_WORDS];  /* the boot words, ';' split off as its own word */
static int nwords;
static int ran, failed;

static void add_word(char *w)
{
    if (nwords == MAX_WORDS) {
        printf("init: too many boot words, ignoring '%s'\n", w);
        return;
    }
    words[nwords++] = w;
}

/* Split every argument at ';' characters (in place) into words and ";". */
static void tokenize(int argc, char **argv)
{
    static char semicolon[] = ";";
    for (int i = 1; i < argc; i++) {
        char *s = argv[i];
        while (*s) {
            char *semi = s;
            while (*semi && *semi != ';')
                semi++;
            int last = (*semi == '\0');
            *semi = '\0';
            if (*s)
                add_word(s);
            if (last)
                break;
            add_word(semicolon);
            s = semi + 1;
        }
    }
}

/* Whether the boot words ask for the command line from the console. */
static int wants_console(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "console") == 0)
            return 1;
    return 0;
}

/* Prompt, read one console line (up to a newline, end of input or LINE_MAX bytes) and add
 * its words (split at spaces, tabs and ';') after the boot words. */
static void read_console(void)
{
    static char line[LINE_MAX + 1];
    static char *argv[LINE_MAX / 2 + 2];
    int len = 0, argc = 1;

    printf("CONSOLE command?\n");
    while (len < LINE_MAX && (len == 0 || line[len - 1] != '\n')) {
        long n = read(0, line + len, (unsigned long)(LINE_MAX - len));
        if (n <= 0)
            break;
        len += (int)n;
    }
    line[len] = '\0';
    for (char *s = line; *s;) {
        while (*s == ' ' || *s == '\t' || *s == '\n')
            *s++ = '\0';
        if (*s)
            argv[argc++] = s;
        while (*s && *s != ' ' && *s != '\t' && *s != '\n')
            s++;
    }
    tokenize(argc, argv);
}

/* fork + exec(name, argv) + wait; returns the child's exit status. */
static int run_one(char **argv)
{
    long pid = fork();
    if (pid == 0) {
        long r = exec(argv[0], argv);
        printf("init: exec %s failed (err=%ld)\n", argv[0], r);
        exit(127);
    }
    if (is_err(pid)) {
        printf("init: fork failed (err=%ld)\n", pid);
        return 126;
    }
    for (;;) {
        int status = 0;
        long w = wait(&status);
        if (w == pid)
            return status;
        if (is_err(w)) {
            printf("init: wait failed (err=%ld)\n", w);
            return 126;
        }
        /* another (orphaned) child: reaped, keep waiting for ours */
    }
}

static void command(char **argv, int argc)
{
    argv[argc] = 0;
    const struct program *p = program_find(argv[0]);
    if (p && !(p->flags & PROG_HIDDEN)) {
        int status = run_one(argv);
        printf("DONE name=%s status=%d\n", argv[0], status);
        ran++;
        if (status != 0)
            failed++;
        return;
    }
    if (strcmp(argv[0], "all") == 0) {
        if (argc > 1)
            printf("init: 'all' takes no arguments, ignoring them\n");
        for (p = programs; p->name; p++) {
            if (p->flags & PROG_ALL) {
                char *one[2] = { (char *)p->name, 0 };
                command(one, 1);
            }
        }
        return;
    }
    printf("init: unknown workload '%s'\n", argv[0]);
    printf("DONE name=%s status=%d\n", argv[0], 127);
    ran++;
    failed++;
}

int init_main(int argc, char **argv)
{
    char *cmd[MAX_ARGS + 1];
    int n = 0, active = 0, after_semicolon = 0;

    tokenize(argc, argv);
    if (wants_console(argc, argv))
        read_console();
    for (int i = 0; i <= nwords; i++) {
        char *w = i < nwords ? words[i] : 0;
        int ends = !w || strcmp(w, ";") == 0 || strcmp(w, "run") == 0;
        if (ends) {
            if (active && n > 0)
                command(cmd, n);
            n = 0;
            active = w && strcmp(w, "run") == 0;
            after_semicolon = w && strcmp(w, ";") == 0;
            continue;
        }
        if (!active && after_semicolon)
            active = 1;
        if (!active)
            continue;           /* a boot option before the first command */
        if (n == MAX_ARGS) {
            printf("init: too many arguments for %s, ignoring '%s'\n", cmd[0], w);
            continue;
        }
        cmd[n++] = w;
    }
    if (ran == 0)
        printf("init: nothing to run (boot arguments: run NAME [args...] [; run NAME ...])\n");
    printf("SUMMARY ran=%d failed=%d\n", ran, failed);
    return failed ? 1 : 0;
}
