/* fs.c - the file store: a flat directory of small files, formatted at every boot.
 *
 * It lives in the first FS_SECTORS sectors of its disk (blk_fs(): virtio-blk, else the PIO
 * disk, else a RAM disk), in 4 KiB blocks of 8 sectors:
 *   block 0, sector 0   superblock: magic, geometry, and the block bitmap (1 bit a block)
 *   blocks 1-2          the directory: 64 entries of 128 bytes (4 a sector)
 *   blocks 3..          file data
 * A directory entry holds a name (up to 27 bytes; "" = free), the size, and the numbers of
 * up to 24 data blocks (0 = a hole that reads as zeros): files hold at most 96 KiB.
 * Metadata is cached in memory and written through (the one changed sector); data blocks
 * are read and written whole, with no cache, so every file access reaches the device.
 * One sleeping lock serializes the store. A file unlinked while open disappears from the
 * directory at once and releases its blocks at the last close. */
#include "abi.h"
#include "blk.h"
#include "fs.h"
#include "kernel.h"
#include "proc.h"

#define FS_MAGIC        0x53465650U   /* "PVFS" */
#define BLOCK_SIZE      4096
#define SECTORS_PER_BLOCK (BLOCK_SIZE / SECTOR_SIZE)
#define NDIRENT         64
#define NDIRECT         24
#define DIR_START       1             /* first directory block */
#define DATA_START      3             /* first data block */
#define BITMAP_BYTES    480

struct superblock {
    uint32_t magic, nblocks, ndirent, dir_start, data_start, pad[3];
    uint8_t bitmap[BITMAP_BYTES];
};

struct dirent {
    char name[FS_NAME_MAX + 1];
    uint32_t size;
    uint32_t block[NDIRECT];
};

_Static_assert(sizeof(struct superblock) == SECTOR_SIZE, "superblock is one sector");
_Static_assert(sizeof(struct dirent) * 4 == SECTOR_SIZE, "four entries a sector");
_Static_assert(NDIRENT * sizeof(struct dirent) == 2 * BLOCK_SIZE, "directory is two blocks");

static struct {
    struct blkdev *dev;
    struct sleeplock lock;
    struct superblock sb;
    struct dirent dir[NDIRENT];
    uint8_t nopen[NDIRENT];          /* open files per entry */
    uint8_t doomed[NDIRENT];         /* unlinked while open: free at last close */
    uint8_t buf[BLOCK_SIZE] __attribute__((aligned(16)));
} fs;

/* write_sb: write the superblock (with the bitmap) through. */
static int write_sb(void)
{
    return blk_rw(fs.dev, 1, 0, 1, &fs.sb);
}

/* write_dirent: write the directory sector holding entry i through. */
static int write_dirent(int i)
{
    return blk_rw(fs.dev, 1, DIR_START * SECTORS_PER_BLOCK + i / 4, 1, &fs.dir[i & ~3]);
}

/* block_io: read or write data block b to or from fs.buf. */
static int block_io(int write, uint32_t b)
{
    return blk_rw(fs.dev, write, (uint64_t)b * SECTORS_PER_BLOCK, SECTORS_PER_BLOCK, fs.buf);
}

/* fs_init: format the store on blk_fs() (process context: the disk may sleep). */
void fs_init(void)
{
    fs.dev = blk_fs();
    uint32_t nblocks = MIN(fs.dev->capacity, (uint64_t)FS_SECTORS) / SECTORS_PER_BLOCK;
    if (nblocks <= DATA_START)
        panic("disk %s too small for the file store", fs.dev->name);
    nblocks = MIN(nblocks, BITMAP_BYTES * 8);
    fs.sb = (struct superblock){ FS_MAGIC, nblocks, NDIRENT, DIR_START, DATA_START, {0}, {0} };
    for (uint32_t b = 0; b < DATA_START; b++)
        fs.sb.bitmap[b / 8] |= 1 << (b % 8);
    if (write_sb() < 0 || blk_rw(fs.dev, 1, DIR_START * SECTORS_PER_BLOCK,
                                 2 * SECTORS_PER_BLOCK, fs.dir) < 0)
        panic("cannot format the file store on %s", fs.dev->name);
}

/* balloc: a free data block marked used (the caller writes the superblock), or 0. */
static uint32_t balloc(void)
{
    for (uint32_t b = DATA_START; b < fs.sb.nblocks; b++) {
        if (!(fs.sb.bitmap[b / 8] & (1 << (b % 8)))) {
            fs.sb.bitmap[b / 8] |= 1 << (b % 8);
            return b;
        }
    }
    return 0;
}

/* truncate: release every block of entry i and set its size to 0 (in memory). */
static void truncate(int i)
{
    for (int k = 0; k < NDIRECT; k++) {
        uint32_t b = fs.dir[i].block[k];
        if (b)
            fs.sb.bitmap[b / 8] &= ~(1 << (b % 8));
        fs.dir[i].block[k] = 0;
    }
    fs.dir[i].size = 0;
}

/* lookup: the entry named name, or -1. */
static int lookup(const char *name)
{
    for (int i = 0; i < NDIRENT; i++)
        if (fs.dir[i].name[0] && strcmp(fs.dir[i].name, name) == 0)
            return i;
    return -1;
}

/* create: a free entry named name (written through), or -ENOSPC. */
static int create(const char *name)
{
    for (int i = 0; i < NDIRENT; i++) {
        if (fs.dir[i].name[0] || fs.nopen[i])
            continue;
        memset(&fs.dir[i], 0, sizeof(fs.dir[i]));
        strlcpy(fs.dir[i].name, name, sizeof(fs.dir[i].name));
        int err = write_dirent(i);
        return err < 0 ? err : i;
    }
    return -ENOSPC;
}

/* fs_open: the entry of name, created if flags has O_CREAT, emptied if O_TRUNC. Returns
 * the entry number (held open until fs_close) or -ENOENT / -ENOSPC / -EINVAL / -EIO. */
int fs_open(const char *name, int flags)
{
    if (*name == '/')
        name++;
    if (!*name || strlen(name) > FS_NAME_MAX)
        return -EINVAL;
    sleeplock_acquire(&fs.lock);
    int i = lookup(name), err = 0;
    if (i < 0)
        i = flags & O_CREAT ? create(name) : -ENOENT;
    else if ((flags & O_TRUNC) && fs.dir[i].size) {
        truncate(i);
        err = write_dirent(i);
        if (!err)
            err = write_sb();
    }
    if (i >= 0 && !err)
        fs.nopen[i]++;
    sleeplock_release(&fs.lock);
    return err ? err : i;
}

/* fs_close: drop one open reference to entry i; free a doomed entry's blocks at the last. */
void fs_close(int i)
{
    sleeplock_acquire(&fs.lock);
    if (--fs.nopen[i] == 0 && fs.doomed[i]) {
        fs.doomed[i] = 0;
        truncate(i);
        write_sb();
    }
    sleeplock_release(&fs.lock);
}

/* fs_unlink: remove name from the directory. 0, -ENOENT or -EIO. */
int fs_unlink(const char *name)
{
    if (*name == '/')
        name++;
    sleeplock_acquire(&fs.lock);
    int i = lookup(name), err = -ENOENT;
    if (i >= 0) {
        fs.dir[i].name[0] = 0;
        if (fs.nopen[i])
            fs.doomed[i] = 1;
        else
            truncate(i);
        err = write_dirent(i);
        if (!err && !fs.doomed[i])
            err = write_sb();
    }
    sleeplock_release(&fs.lock);
    return err;
}

/* fs_read: copy up to n bytes of entry i from offset off to user address uva. Returns the
 * count (0 at end of file), -EFAULT or -EIO. */
long fs_read(int i, uint64_t off, uint64_t uva, size_t n)
{
    long done = 0;
    sleeplock_acquire(&fs.lock);
    struct dirent *e = &fs.dir[i];
    n = off >= e->size ? 0 : MIN(n, e->size - off);
    while ((size_t)done < n) {
        uint32_t b = e->block[off / BLOCK_SIZE], boff = off % BLOCK_SIZE;
        size_t k = MIN(n - done, (size_t)(BLOCK_SIZE - boff));
        int err = b ? block_io(0, b) : (memset(fs.buf, 0, BLOCK_SIZE), 0);
        if (!err)
            err = copyout(&curproc->mm, uva + done, fs.buf + boff, k);
        if (err) {
            done = err;
            break;
        }
        off += k;
        done += k;
    }
    sleeplock_release(&fs.lock);
    return done;
}

/* fs_write: copy n bytes from user address uva into entry i at offset off, allocating
 * blocks as needed. Returns the count written (short if the file reaches 96 KiB or the
 * store fills: -ENOSPC if nothing fit), -EFAULT or -EIO. */
long fs_write(int i, uint64_t off, uint64_t uva, size_t n)
{
    long done = 0;
    int err = 0, sb_dirty = 0;
    sleeplock_acquire(&fs.lock);
    struct dirent *e = &fs.dir[i];
    uint32_t old_size = e->size;
    while ((size_t)done < n) {
        uint64_t bi = off / BLOCK_SIZE, boff = off % BLOCK_SIZE;
        size_t k = MIN(n - done, (size_t)(BLOCK_SIZE - boff));
        if (bi >= NDIRECT) {
            err = -ENOSPC;
            break;
        }
        if (!e->block[bi]) {
            if (!(e->block[bi] = balloc())) {
                err = -ENOSPC;
                break;
            }
            sb_dirty = 1;
            memset(fs.buf, 0, BLOCK_SIZE);
        } else if (k < BLOCK_SIZE && (err = block_io(0, e->block[bi])) < 0) {
            break;
        }
        if ((err = copyin(&curproc->mm, fs.buf + boff, uva + done, k)) < 0 ||
            (err = block_io(1, e->block[bi])) < 0)
            break;
        off += k;
        done += k;
    }
    if (off > e->size && done)
        e->size = (uint32_t)off;
    if (sb_dirty && write_sb() < 0)
        err = -EIO;
    if ((sb_dirty || e->size != old_size) && write_dirent(i) < 0)
        err = -EIO;
    sleeplock_release(&fs.lock);
    return done ? done : err;
}
