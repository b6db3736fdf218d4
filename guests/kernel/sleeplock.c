/* sleeplock.c - a lock for process context that sleeps while another process holds it.
 * The kernel runs one hart with interrupts off, so only sleeping can interleave threads. */
#include "kernel.h"
#include "proc.h"

/* sleeplock_acquire: wait until l is free, then take it. */
void sleeplock_acquire(struct sleeplock *l)
{
    while (l->locked)
        sleep(l);
    l->locked = 1;
}

/* sleeplock_release: free l and wake its waiters. */
void sleeplock_release(struct sleeplock *l)
{
    l->locked = 0;
    wakeup(l);
}
