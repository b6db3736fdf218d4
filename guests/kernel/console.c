/* console.c - the console device behind fds 0, 1 and 2: output goes to pv_ops.console_write
 * (the UART, polled); input arrives by UART interrupt into a ring buffer that read()
 * drains, sleeping while it is empty. */
#include "abi.h"
#include "kernel.h"
#include "proc.h"
#include "pvops.h"

#define INPUT_BUF 256
#define CHUNK     256

static struct {
    char buf[INPUT_BUF];
    uint32_t r, w;              /* read and write counters (indices mod INPUT_BUF) */
} input;

/* console_input: one received character (UART interrupt); dropped if the buffer is full. */
void console_input(char c)
{
    if (input.w - input.r == INPUT_BUF)
        return;
    input.buf[input.w++ % INPUT_BUF] = c;
    wakeup(&input);
}

/* console_read: copy up to n buffered input bytes to user address ubuf, stopping after a
 * newline; sleeps until at least one byte is there. Returns the count or -EFAULT. */
long console_read(uint64_t ubuf, size_t n)
{
    size_t done = 0;
    while (input.r == input.w)
        sleep(&input);
    while (done < n && input.r != input.w) {
        char c = input.buf[input.r % INPUT_BUF];
        if (copyout(&curproc->mm, ubuf + done, &c, 1) < 0)
            return -EFAULT;
        input.r++;
        done++;
        if (c == '\n')
            break;
    }
    return (long)done;
}

/* console_write: write n bytes from user address ubuf. Returns n or -EFAULT. */
long console_write(uint64_t ubuf, size_t n)
{
    char buf[CHUNK];
    for (size_t done = 0; done < n;) {
        size_t k = MIN(n - done, sizeof(buf));
        if (copyin(&curproc->mm, buf, ubuf + done, k) < 0)
            return -EFAULT;
        pv_ops.console_write(buf, k);
        done += k;
    }
    return (long)n;
}
