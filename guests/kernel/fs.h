/* fs.h - the file store: a flat directory of small files on a block device. */
#ifndef KERNEL_FS_H
#define KERNEL_FS_H

#include "abi.h"
#include "types.h"

#define FS_SECTORS DISK_FS_SECTORS   /* the store's share of its disk */
#define FS_NAME_MAX 27               /* longest file name */

void fs_init(void);
int fs_open(const char *name, int flags);
void fs_close(int ino);
int fs_unlink(const char *name);
long fs_read(int ino, uint64_t off, uint64_t uva, size_t n);
long fs_write(int ino, uint64_t off, uint64_t uva, size_t n);

#endif
