/* sysfile.c - system calls on file descriptors: console, pipes and the file store. */
#include "abi.h"
#include "file.h"
#include "fs.h"
#include "kernel.h"
#include "proc.h"
#include "syscall.h"

/* fd_file: the open file of descriptor fd, or 0. */
static struct file *fd_file(uint64_t fd)
{
    return fd < NOFILE ? curproc->ofile[fd] : 0;
}

/* fd_alloc: the lowest free descriptor, now holding f; -EMFILE if there is none. */
static int fd_alloc(struct file *f)
{
    for (int fd = 0; fd < NOFILE; fd++) {
        if (!curproc->ofile[fd]) {
            curproc->ofile[fd] = f;
            return fd;
        }
    }
    return -EMFILE;
}

/* write(fd, buf, len) */
long sys_write(struct trapframe *tf)
{
    struct file *f = fd_file(ARG(tf, 0));
    return f ? file_write(f, ARG(tf, 1), ARG(tf, 2)) : -EBADF;
}

/* read(fd, buf, len) */
long sys_read(struct trapframe *tf)
{
    struct file *f = fd_file(ARG(tf, 0));
    return f ? file_read(f, ARG(tf, 1), ARG(tf, 2)) : -EBADF;
}

/* open(path, flags): O_RDONLY, O_WRONLY (| O_CREAT | O_TRUNC); 2 = read and write */
long sys_open(struct trapframe *tf)
{
    char name[FS_NAME_MAX + 2];
    int flags = (int)ARG(tf, 1);
    int err = copyinstr(&curproc->mm, name, ARG(tf, 0), sizeof(name));
    if (err < 0)
        return err;
    int ino = fs_open(name, flags);
    if (ino < 0)
        return ino;
    struct file *f = file_alloc();
    if (!f) {
        fs_close(ino);
        return -EMFILE;
    }
    f->type = FD_FS;
    f->ino = ino;
    f->readable = (flags & 3) != O_WRONLY;
    f->writable = (flags & 3) != O_RDONLY;
    int fd = fd_alloc(f);
    if (fd < 0)
        file_close(f);
    return fd;
}

/* close(fd) */
long sys_close(struct trapframe *tf)
{
    struct file *f = fd_file(ARG(tf, 0));
    if (!f)
        return -EBADF;
    curproc->ofile[ARG(tf, 0)] = 0;
    file_close(f);
    return 0;
}

/* unlink(path) */
long sys_unlink(struct trapframe *tf)
{
    char name[FS_NAME_MAX + 2];
    int err = copyinstr(&curproc->mm, name, ARG(tf, 0), sizeof(name));
    return err < 0 ? err : fs_unlink(name);
}

/* pipe(int fds[2]): fds[0] the read end, fds[1] the write end */
long sys_pipe(struct trapframe *tf)
{
    struct file *rf, *wf;
    int err = pipe_alloc(&rf, &wf);
    if (err < 0)
        return err;
    int fds[2] = { fd_alloc(rf), -1 };
    if (fds[0] >= 0)
        fds[1] = fd_alloc(wf);
    if (fds[1] < 0 || copyout(&curproc->mm, ARG(tf, 0), fds, sizeof(fds)) < 0) {
        if (fds[0] >= 0)
            curproc->ofile[fds[0]] = 0;
        if (fds[1] >= 0)
            curproc->ofile[fds[1]] = 0;
        file_close(rf);
        file_close(wf);
        return fds[1] < 0 ? -EMFILE : -EFAULT;
    }
    return 0;
}
