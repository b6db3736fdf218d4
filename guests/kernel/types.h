/* types.h - fixed-width integer types and small helpers shared by every kernel file. */
#ifndef KERNEL_TYPES_H
#define KERNEL_TYPES_H

#include <stddef.h>
#include <stdint.h>

typedef uint64_t pte_t;          /* one Sv39 page-table entry */
typedef uint64_t *pagetable_t;   /* a 512-entry page-table page (physical = virtual address) */

#define NORETURN __attribute__((noreturn))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#endif
