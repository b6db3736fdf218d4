# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# Shadow paging under hardware assist (hvm --mmu shadow, the 2006 configuration): the trap VMM's
# ShadowMMU keeps the shadow tables; the hardware translates every guest access through the
# shadow root of the guest's current view, which it takes from the VMCS (one root per view, so
# privilege changes need no exit). A view without a root faults to the VMM, which fills it.
# The ShadowMMU walks the guest's tables through a mirror of the guest's translation state.
from libc.stdint cimport uint64_t
from pyvirt.machine.state cimport *
from pyvirt.machine.hart cimport Hart
from pyvirt.machine.bus cimport Bus
from pyvirt.machine.mmu cimport mmu_update_mode
from pyvirt.machine.vmx cimport shadow_view
from pyvirt.hypervisors.trap.vcpu cimport VirtualHart
from pyvirt.hypervisors.trap.shadow cimport ShadowMMU

SATP_SV39 = 8 << 60
FILL_RESULTS = ("shadow_fill", "guest_page_fault", "mmio", "pt_write", "mem_emulate")   # ShadowMMU.fill (F_*)


cdef class ShadowPaging:
    cdef HartState* s
    cdef VirtualHart mirror
    cdef readonly ShadowMMU mmu

    def __cinit__(self, Hart hart, Bus bus, uint64_t pool_bytes, policy, int roots, int flood_limit):
        self.s = &hart.st
        self.mirror = VirtualHart(hart)
        self.mmu = ShadowMMU(hart, self.mirror, bus, pool_bytes, policy, roots, flood_limit)
        empty = bus.ram_base + bus.ram_size + pool_bytes          # a zeroed page after the pool
        self.s.vmcs.shadow = 1
        self.s.vmcs.shadow_empty = SATP_SV39 | (empty >> 12)
        bus.write_observer = self.mmu.dma_write if self.mmu.trace else None

    cdef void _sync(self) noexcept:
        """Copy the guest's translation state (privilege, satp, mstatus, PMP) to the mirror."""
        cdef HartState* g = self.s
        cdef HartState* m = &self.mirror.st
        cdef int i
        m.priv, m.satp, m.mstatus, m.menvcfg = g.priv, g.satp, g.mstatus, g.menvcfg
        for i in range(16):
            m.pmpcfg[i] = g.pmpcfg[i]
        for i in range(64):
            m.pmpaddr[i] = g.pmpaddr[i]
        mmu_update_mode(m)

    cdef void _install(self, int view, uint64_t satp) noexcept:
        """Give the hardware view's root, and drop the roots the ShadowMMU has freed."""
        cdef int v, c
        self.s.vmcs.shadow_satp[view] = satp
        for v in range(NUM_VIEWS):
            if v == view or not self.s.vmcs.shadow_satp[v]:
                continue
            c = ((self.s.vmcs.shadow_satp[v] >> 44) & 0xFFFF) - 1
            if self.mmu.t_level[c] == 0xFF or not self.mmu.t_root[c] or self.mmu.t_key[c] != self.mmu.root_key(v):
                self.s.vmcs.shadow_satp[v] = 0
        mmu_update_mode(self.s)

    def fault(self, uint64_t cause, uint64_t va):
        """A page fault exit at va: (result name, guest-physical address, guest-visible cause)."""
        cdef int acc = ACC_EXEC if cause == EXC_INSN_PAGE else (ACC_READ if cause == EXC_LOAD_PAGE else ACC_WRITE)
        cdef uint64_t pa = 0
        cdef int fcause = 0, r, view
        self._sync()
        view = shadow_view(self.s)
        r = self.mmu.fill(va, acc, view, &pa, &fcause)
        self._install(view, self.mmu.activate(view))
        return FILL_RESULTS[r], pa, fcause

    def reset_views(self):
        """The guest changed satp: its roots are other tables now (filled again on demand)."""
        cdef int v
        for v in range(NUM_VIEWS):
            self.s.vmcs.shadow_satp[v] = 0
        mmu_update_mode(self.s)

    def pmp_written(self):
        """The guest's PMP shapes every shadow leaf: drop them all."""
        self._sync()
        self.mmu.reset_all()
        self.reset_views()

    def sfence(self, int by_va, uint64_t va, int by_asid):
        self._sync()
        self.mmu.sfence(by_va, va, by_asid)

    def guest_write(self, uint64_t pa, uint64_t n):
        """The VMM's emulation stored into guest memory: keep traced tables coherent."""
        if self.mmu.traced(pa) or self.mmu.traced(pa + n - 1):
            self.mmu.guest_write(pa, n)

    def get_state(self):
        """The ShadowMMU's metadata and the mirror of the guest's translation state as plain
        data (the roots per view are in the VMCS, the tables in the private pool)."""
        return {"mmu": self.mmu.get_state(), "mirror": self.mirror.get_state()}

    def set_state(self, st):
        """Restore get_state() into a ShadowPaging built with the same pool and policy."""
        self.mirror.set_state(st["mirror"])
        self.mmu.set_state(st["mmu"])

    def counters(self):
        """Guest page-table reads and shadow PTE writes so far (the VMM charges them)."""
        return self.mmu.pte_reads, self.mmu.pte_writes
