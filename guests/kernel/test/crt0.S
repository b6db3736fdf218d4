/* crt0.S - entry of the kernel test program: a0 = argc, a1 = argv; exit(main(argc, argv)). */
    .section .text.init, "ax", @progbits
    .globl _start
_start:
    call    main
    li      a7, 2
    ecall
1:  j       1b

/* syscall(n, a0..a4): raw system call (a7 = n). */
    .text
    .globl  syscall
syscall:
    mv      a7, a0
    mv      a0, a1
    mv      a1, a2
    mv      a2, a3
    mv      a3, a4
    mv      a4, a5
    ecall
    ret
