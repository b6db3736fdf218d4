/* file.h - open files: the console, pipe ends and file-store files, shared by reference
 * among the descriptor tables that hold them. */
#ifndef KERNEL_FILE_H
#define KERNEL_FILE_H

#include "types.h"

enum filetype { FD_NONE, FD_CONSOLE, FD_PIPE, FD_FS };

struct pipe;

struct file {
    enum filetype type;
    int ref;
    uint8_t readable, writable;
    struct pipe *pipe;          /* FD_PIPE */
    int ino;                    /* FD_FS: directory entry */
    uint64_t off;               /* FD_FS: file offset */
};

struct file *file_alloc(void);
struct file *file_console(void);
struct file *file_dup(struct file *f);
void file_close(struct file *f);
long file_read(struct file *f, uint64_t uva, size_t n);
long file_write(struct file *f, uint64_t uva, size_t n);

int pipe_alloc(struct file **rf, struct file **wf);
void pipe_close(struct pipe *p, int writable);
long pipe_read(struct pipe *p, uint64_t uva, size_t n);
long pipe_write(struct pipe *p, uint64_t uva, size_t n);

#endif
