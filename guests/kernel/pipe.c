/* pipe.c - pipes: a one-page ring buffer between a read end and a write end. Readers sleep
 * while it is empty and a writer exists; writers sleep while it is full and a reader exists. */
#include "abi.h"
#include "file.h"
#include "kernel.h"
#include "proc.h"
#include "riscv.h"

#define PIPESIZE (PGSIZE - 24)

struct pipe {
    uint64_t nread, nwrite;      /* bytes read and written so far */
    int readopen, writeopen;     /* whether the ends are still open */
    char data[PIPESIZE];
};

_Static_assert(sizeof(struct pipe) == PGSIZE, "a pipe is one page");

/* pipe_alloc: a new pipe and its two ends. 0, or -ENOMEM / -EMFILE. */
int pipe_alloc(struct file **rf, struct file **wf)
{
    struct pipe *p = kalloc();
    *rf = file_alloc();
    *wf = *rf ? file_alloc() : 0;
    if (!p || !*wf) {
        if (p)
            kfree(p);
        if (*rf)
            file_close(*rf);
        return p ? -EMFILE : -ENOMEM;
    }
    p->nread = p->nwrite = 0;
    p->readopen = p->writeopen = 1;
    **rf = (struct file){ .type = FD_PIPE, .ref = 1, .readable = 1, .pipe = p };
    **wf = (struct file){ .type = FD_PIPE, .ref = 1, .writable = 1, .pipe = p };
    return 0;
}

/* pipe_close: close one end; the pipe is freed when both are closed. */
void pipe_close(struct pipe *p, int writable)
{
    if (writable) {
        p->writeopen = 0;
        wakeup(&p->nread);
    } else {
        p->readopen = 0;
        wakeup(&p->nwrite);
    }
    if (!p->readopen && !p->writeopen)
        kfree(p);
}

/* pipe_write: write n bytes from user address uva, sleeping while the pipe is full.
 * Returns n, or the count written before the read end closed (-EPIPE if none), -EFAULT. */
long pipe_write(struct pipe *p, uint64_t uva, size_t n)
{
    size_t done = 0;
    while (done < n) {
        if (!p->readopen)
            return done ? (long)done : -EPIPE;
        uint64_t used = p->nwrite - p->nread;
        if (used == PIPESIZE) {
            wakeup(&p->nread);
            sleep(&p->nwrite);
            continue;
        }
        uint64_t pos = p->nwrite % PIPESIZE;
        size_t k = MIN(MIN(n - done, (size_t)(PIPESIZE - used)), (size_t)(PIPESIZE - pos));
        if (copyin(&curproc->mm, p->data + pos, uva + done, k) < 0)
            return -EFAULT;
        p->nwrite += k;
        done += k;
    }
    wakeup(&p->nread);
    return (long)done;
}

/* pipe_read: read up to n bytes to user address uva, sleeping while the pipe is empty
 * and its write end open. Returns the count (0 at end of file) or -EFAULT. */
long pipe_read(struct pipe *p, uint64_t uva, size_t n)
{
    size_t done = 0;
    while (p->nread == p->nwrite && p->writeopen)
        sleep(&p->nread);
    while (done < n && p->nread != p->nwrite) {
        uint64_t pos = p->nread % PIPESIZE;
        size_t k = MIN(MIN(n - done, (size_t)(p->nwrite - p->nread)), (size_t)(PIPESIZE - pos));
        if (copyout(&curproc->mm, uva + done, p->data + pos, k) < 0)
            return -EFAULT;
        p->nread += k;
        done += k;
    }
    wakeup(&p->nwrite);
    return (long)done;
}
