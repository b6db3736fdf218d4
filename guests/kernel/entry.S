/*
 * entry.S - the kernel's first instructions.
 *
 * SBI firmware (pyvirt's built-in SBI or OpenSBI) enters here in S-mode at 0x8020_0000 with
 * the MMU off, a0 = hart id and a1 = the device tree's physical address. Set up the boot
 * stack (which later becomes the idle thread's stack), clear .bss and call kmain(a0, a1).
 */
    .section .text.entry, "ax", @progbits
    .globl _start
_start:
    la      sp, boot_stack_top
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       1b
2:  call    kmain
3:  j       3b

    .section .noinit, "aw", @nobits
    .balign 16
boot_stack:
    .space  16384
    .globl  boot_stack_top
boot_stack_top:
