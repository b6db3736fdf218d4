/* sbi.h - calls into SBI firmware (SBI v2.0) used by the native build. */
#ifndef KERNEL_SBI_H
#define KERNEL_SBI_H

#include "types.h"

void sbi_set_timer(uint64_t deadline);
void sbi_system_reset(int failure) NORETURN;

#endif
