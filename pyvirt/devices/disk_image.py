"""A raw disk image file as 512-byte sectors: the storage behind every block device model
(virtio-blk, the PIO disk, later the paravirtual block backend)."""
import os

from pyvirt.errors import PyvirtError

SECTOR_SIZE = 512


class DiskImage:
    """The file at `path`, opened read-write (or read-only); capacity in whole sectors."""

    def __init__(self, path: str, read_only: bool = False):
        try:
            self._fd = os.open(path, os.O_RDONLY if read_only else os.O_RDWR)
        except OSError as err:
            raise PyvirtError(f"cannot open disk image {path}: {err.strerror}") from err
        self.path = path
        self.read_only = read_only
        self.capacity = os.fstat(self._fd).st_size // SECTOR_SIZE

    def in_range(self, sector: int, nbytes: int) -> bool:
        """Whether nbytes (a whole number of sectors) starting at sector lie inside the disk."""
        return nbytes % SECTOR_SIZE == 0 and 0 <= sector and sector + nbytes // SECTOR_SIZE <= self.capacity

    def read(self, sector: int, nbytes: int):
        """nbytes from sector on, or None on a host I/O error (the caller checked the range)."""
        try:
            data = os.pread(self._fd, nbytes, sector * SECTOR_SIZE)
        except OSError:
            return None
        return data if len(data) == nbytes else None

    def write(self, sector: int, data: bytes) -> bool:
        """Write data at sector; False on a host I/O error or a read-only image."""
        if self.read_only:
            return False
        try:
            return os.pwrite(self._fd, data, sector * SECTOR_SIZE) == len(data)
        except OSError:
            return False

    def flush(self) -> bool:
        try:
            os.fsync(self._fd)
        except OSError:
            return False
        return True

    def close(self) -> None:
        os.close(self._fd)
