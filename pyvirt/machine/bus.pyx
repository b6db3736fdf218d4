# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# Physical address space: RAM at ram_base backed by one zeroed host buffer, and MMIO regions
# that forward accesses to device objects (pyvirt/devices). It is also the GuestMemory service
# devices use for DMA: every guest-supplied range is checked against RAM.
# A VMM may ask for private memory after RAM (private_size bytes, the same host buffer, so the
# hart can walk page tables kept there); the guest-facing size stays ram_size.
from libc.stdint cimport uint8_t, uint64_t
from libc.stdlib cimport calloc, free
from libc.string cimport memcpy, memset
from pyvirt.machine.dirty cimport dirty_mark
from pyvirt.errors import GuestMemoryError


cdef class Bus:
    def __cinit__(self, uint64_t ram_base, uint64_t ram_size, uint64_t private_size=0):
        self.ram = <uint8_t*>calloc(ram_size + private_size, 1)
        self.log.map = <uint8_t*>calloc((ram_size + private_size + 0xFFF) >> 12, 1)
        if self.ram == NULL or self.log.map == NULL:
            raise MemoryError(f"cannot allocate {ram_size + private_size} bytes of guest RAM")
        self.ram_base = ram_base
        self.ram_size = ram_size
        self.private_size = private_size
        self.write_observer = None
        self.nregions = 0
        self.devices = []

    def __dealloc__(self):
        free(self.ram)
        free(self.log.map)

    def add_device(self, uint64_t base, device):
        """Map device (pyvirt.devices.Device) at physical address base for device.size bytes."""
        if self.nregions == MAX_REGIONS:
            raise ValueError("too many MMIO regions")
        self.region_base[self.nregions] = base
        self.region_size[self.nregions] = device.size
        self.region_reads[self.nregions] = 0
        self.region_writes[self.nregions] = 0
        self.devices.append(device)
        self.nregions += 1

    # Index of the region holding [pa, pa+size), or -1.
    cdef int find(self, uint64_t pa, uint64_t size) noexcept:
        cdef int i
        for i in range(self.nregions):
            if pa - self.region_base[i] < self.region_size[i] and \
                    pa + size - self.region_base[i] <= self.region_size[i]:
                return i
        return -1

    # MMIO read: returns the region index, or -1 when no device is there (access fault).
    cdef int mmio_read(self, uint64_t pa, int size, uint64_t* value) except -2:
        cdef int i = self.find(pa, size)
        if i < 0:
            return -1
        self.region_reads[i] += 1
        value[0] = <uint64_t>(self.devices[i].read(pa - self.region_base[i], size)) & \
            (0xFFFFFFFFFFFFFFFF >> (64 - 8 * size))
        return i

    cdef int mmio_write(self, uint64_t pa, int size, uint64_t value) except -2:
        cdef int i = self.find(pa, size)
        if i < 0:
            return -1
        self.region_writes[i] += 1
        self.devices[i].write(pa - self.region_base[i], size, value & (0xFFFFFFFFFFFFFFFF >> (64 - 8 * size)))
        return i

    def device_at(self, uint64_t pa):
        cdef int i = self.find(pa, 1)
        return self.devices[i] if i >= 0 else None

    def device_stats(self):
        """Accesses per device name, in map order."""
        return {self.devices[i].name: {"reads": self.region_reads[i], "writes": self.region_writes[i]}
                for i in range(self.nregions)}

    # ---- GuestMemory: checked access to RAM for loaders and DMA ----
    cdef uint8_t* _ram_range(self, uint64_t pa, uint64_t n) except NULL:
        if pa < self.ram_base or n > self.ram_size or pa - self.ram_base > self.ram_size - n:
            raise GuestMemoryError(pa, n)
        return self.ram + (pa - self.ram_base)

    def read_bytes(self, uint64_t pa, uint64_t n):
        cdef uint8_t* p = self._ram_range(pa, n)
        return (<char*>p)[:n]

    def write_bytes(self, uint64_t pa, data):
        cdef const uint8_t[:] view = memoryview(data).cast("B")
        cdef uint64_t n = view.shape[0]
        cdef uint8_t* p = self._ram_range(pa, n)
        if n:
            memcpy(p, &view[0], n)
            dirty_mark(&self.log, pa - self.ram_base, n)
            if self.write_observer is not None:
                self.write_observer(pa, n)

    def read_u16(self, pa): return int.from_bytes(self.read_bytes(pa, 2), "little")
    def read_u32(self, pa): return int.from_bytes(self.read_bytes(pa, 4), "little")
    def read_u64(self, pa): return int.from_bytes(self.read_bytes(pa, 8), "little")
    def write_u16(self, pa, v): self.write_bytes(pa, (v & 0xFFFF).to_bytes(2, "little"))
    def write_u32(self, pa, v): self.write_bytes(pa, (v & 0xFFFFFFFF).to_bytes(4, "little"))
    def write_u64(self, pa, v): self.write_bytes(pa, (v & 0xFFFFFFFFFFFFFFFF).to_bytes(8, "little"))

    def ram_bytes(self):
        """A copy of all of RAM (for snapshots and signatures)."""
        return (<char*>self.ram)[:self.ram_size]

    # ---- the dirty log (live migration; the hart turns it on and off: Hart.log_dirty) ----
    def take_dirty(self):
        """The numbers of the guest-RAM pages marked since the last take (or since the log was
        turned on), in order; the log is cleared. The hart must revoke its store grants too."""
        cdef uint64_t i, pages = self.ram_size >> 12
        frames = [i for i in range(pages) if self.log.map[i]]
        memset(self.log.map, 0, (self.ram_size + self.private_size + 0xFFF) >> 12)
        return frames

    # ---- snapshots ----
    def private_bytes(self):
        """A copy of the VMM-private memory after RAM."""
        return (<char*>(self.ram + self.ram_size))[:self.private_size]

    def load_memory(self, ram, private):
        """Replace RAM and the private memory with saved copies (no write observer: a restore)."""
        if len(ram) != self.ram_size or len(private) != self.private_size:
            raise ValueError("saved memory sizes differ from this bus")
        if self.ram_size:
            memcpy(self.ram, <const char*>ram, self.ram_size)
        if self.private_size:
            memcpy(self.ram + self.ram_size, <const char*>private, self.private_size)

    def get_state(self):
        """The access counters of the MMIO regions, in map order."""
        return {"reads": [self.region_reads[i] for i in range(self.nregions)],
                "writes": [self.region_writes[i] for i in range(self.nregions)]}

    def set_state(self, st):
        """Restore get_state() on a bus with the same regions."""
        if len(st["reads"]) != self.nregions or len(st["writes"]) != self.nregions:
            raise ValueError("saved MMIO regions differ from this bus")
        for i in range(self.nregions):
            self.region_reads[i] = st["reads"][i]
            self.region_writes[i] = st["writes"][i]
