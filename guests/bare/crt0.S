/*
 * crt0.S - entry point of the bare-metal guests.
 *
 * Entered in M-mode at 0x8000_0000 (the first byte of .text.init, see
 * link.ld) with the MMU off and interrupts disabled, exactly as QEMU virt
 * starts a `-bios none` kernel.  Hart 0 sets gp and sp, points mtvec at a
 * fatal-trap handler, clears .bss, calls main() and powers off with main's
 * return value as exit status.  Any other hart parks in wfi.
 */
    .section .text.init, "ax", @progbits
    .globl _start
_start:
    csrr    t0, mhartid
    bnez    t0, park

    .option push
    .option norelax             /* gp must be loaded without gp-relative relaxation */
    la      gp, __global_pointer$
    .option pop
    la      sp, __stack_top

    la      t0, trap_entry
    csrw    mtvec, t0

    /* Clear .bss: [__bss_start, __bss_end), both 8-byte aligned by link.ld. */
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       1b
2:
    call    main
    /* fall through: exit status in a0 */

/*
 * poweroff(code): write the sifive_test finisher.  0 -> 0x5555 (pass);
 * otherwise 0x3333 | (code << 16) (QEMU exits with status `code`).
 * Never returns; if the write is ignored the hart spins in wfi.
 */
    .globl poweroff
poweroff:
    li      t0, 0x100000
    li      t1, 0x5555
    beqz    a0, 3f
    slli    t1, a0, 16
    li      t2, 0x3333
    or      t1, t1, t2
3:  sw      t1, 0(t0)
park:
    wfi
    j       park

/*
 * Unexpected trap (these programs never trap on purpose): report mcause,
 * mepc and mtval on the UART and power off with status 0xEE.  mtvec is in
 * direct mode, so the handler must be 4-byte aligned.
 */
    .balign 4
trap_entry:
    la      sp, __stack_top
    csrr    a0, mcause
    csrr    a1, mepc
    csrr    a2, mtval
    call    bare_trap
    li      a0, 0xee
    j       poweroff
