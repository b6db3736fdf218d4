/* file.c - the table of open files and the read/write dispatch by file type. */
#include "abi.h"
#include "file.h"
#include "fs.h"
#include "kernel.h"

#define NFILE 128

static struct file files[NFILE];

/* file_alloc: an unused file with one reference, or 0. */
struct file *file_alloc(void)
{
    for (int i = 0; i < NFILE; i++) {
        if (files[i].ref == 0) {
            memset(&files[i], 0, sizeof(files[i]));
            files[i].ref = 1;
            return &files[i];
        }
    }
    return 0;
}

/* file_console: a new read/write file on the console. */
struct file *file_console(void)
{
    struct file *f = file_alloc();
    if (!f)
        panic("file table full");
    f->type = FD_CONSOLE;
    f->readable = f->writable = 1;
    return f;
}

/* file_dup: one more reference to f. */
struct file *file_dup(struct file *f)
{
    f->ref++;
    return f;
}

/* file_close: drop a reference; the last one releases the pipe end or file-store entry. */
void file_close(struct file *f)
{
    if (--f->ref > 0)
        return;
    if (f->type == FD_PIPE)
        pipe_close(f->pipe, f->writable);
    else if (f->type == FD_FS)
        fs_close(f->ino);
    f->type = FD_NONE;
}

/* file_read: read up to n bytes into user address uva. */
long file_read(struct file *f, uint64_t uva, size_t n)
{
    if (!f->readable)
        return -EBADF;
    if (f->type == FD_CONSOLE)
        return console_read(uva, n);
    if (f->type == FD_PIPE)
        return pipe_read(f->pipe, uva, n);
    long r = fs_read(f->ino, f->off, uva, n);
    if (r > 0)
        f->off += r;
    return r;
}

/* file_write: write n bytes from user address uva. */
long file_write(struct file *f, uint64_t uva, size_t n)
{
    if (!f->writable)
        return -EBADF;
    if (f->type == FD_CONSOLE)
        return console_write(uva, n);
    if (f->type == FD_PIPE)
        return pipe_write(f->pipe, uva, n);
    long r = fs_write(f->ino, f->off, uva, n);
    if (r > 0)
        f->off += r;
    return r;
}
