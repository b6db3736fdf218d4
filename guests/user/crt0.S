/*
 * crt0.S - entry point of the user image.
 *
 * The kernel enters _start in U-mode at every exec with a0 = argc, a1 = argv
 * (an array of argc string pointers followed by a null pointer) and sp at
 * the top of a 16-byte aligned user stack.  _start sets gp (the linker
 * relaxes small-data accesses against it), clears .bss (in case the loader
 * did not zero the tail of the data segment), and calls
 * umain(argc, argv), which dispatches on argv[0] (main.c); umain's return
 * value becomes the exit status.
 */
    .section .text.init, "ax", @progbits
    .globl _start
_start:
    .option push
    .option norelax             /* gp must be loaded without gp-relative relaxation */
    la      gp, __global_pointer$
    .option pop
    andi    sp, sp, -16

    /* Clear .bss: [__bss_start, __bss_end), both 8-byte aligned by user.ld. */
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       1b
2:
    call    umain
    call    exit                /* flushes stdout, SYS_exit(a0); never returns */
3:  j       3b
