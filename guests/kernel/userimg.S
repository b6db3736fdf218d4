/*
 * userimg.S - the user programs, one multi-call RISC-V ELF (guests/build/user.elf, linked at
 * 0x10000, dispatching on argv[0]), embedded in the kernel image. USER_ELF names the file;
 * the Makefile defines it.
 */
    .section .rodata.userimg, "a", @progbits
    .balign 16
    .globl  userimg_start, userimg_end
userimg_start:
    .incbin USER_ELF
userimg_end:
