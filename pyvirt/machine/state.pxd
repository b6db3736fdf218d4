# The hart's architectural and accounting state as plain C data, shared by hart, csr, mmu and
# trap modules (each takes a HartState*). No Python objects live here.
from libc.stdint cimport uint8_t, uint16_t, uint32_t, uint64_t, int64_t
from pyvirt.machine.dirty cimport DirtyLog

cdef enum:
    PRV_U = 0
    PRV_S = 1
    PRV_M = 3

# memory access kinds (index into the permission table)
cdef enum:
    ACC_READ = 0
    ACC_WRITE = 1
    ACC_EXEC = 2

# exception causes (privileged spec table 3.6)
cdef enum:
    EXC_INSN_MISALIGNED = 0
    EXC_INSN_ACCESS = 1
    EXC_ILLEGAL = 2
    EXC_BREAKPOINT = 3
    EXC_LOAD_MISALIGNED = 4
    EXC_LOAD_ACCESS = 5
    EXC_STORE_MISALIGNED = 6
    EXC_STORE_ACCESS = 7
    EXC_ECALL_U = 8
    EXC_ECALL_S = 9
    EXC_ECALL_M = 11
    EXC_INSN_PAGE = 12
    EXC_LOAD_PAGE = 13
    EXC_STORE_PAGE = 15

# interrupt numbers
cdef enum:
    IRQ_SSI = 1
    IRQ_MSI = 3
    IRQ_STI = 5
    IRQ_MTI = 7
    IRQ_SEI = 9
    IRQ_MEI = 11

# instruction classes (index into HartState.cpi)
cdef enum:
    CLS_ALU = 0
    CLS_MUL = 1
    CLS_DIV = 2
    CLS_LOAD = 3
    CLS_STORE = 4
    CLS_BRANCH = 5
    CLS_JUMP = 6
    CLS_CSR = 7
    CLS_AMO = 8
    CLS_FENCE = 9
    CLS_SYSTEM = 10
    NUM_CLS = 11

# cycle categories: 0..3 are instruction execution by privilege (index = PRV_*)
cdef enum:
    CAT_TRAP_ENTRY = 4
    CAT_PAGE_WALK = 5
    CAT_DEVICE = 6
    CAT_FIRMWARE = 7
    CAT_IDLE = 8
    NUM_CAT = 9

# events with a cost (index into HartState.event_cost)
cdef enum:
    EV_TRAP_ENTRY = 0
    EV_WALK_REF = 1
    EV_DEVICE = 2
    EV_FIRMWARE = 3
    NUM_EV = 4

# why Hart.run() returned
cdef enum:
    EXIT_BUDGET = 0
    EXIT_STOP = 1
    EXIT_MTRAP = 2
    EXIT_WFI_IDLE = 3
    EXIT_TOHOST = 4
    EXIT_TRAP_LOOP = 5
    EXIT_LIMIT = 6
    EXIT_VMEXIT = 8        # hvm: a VM exit; HartState.vmcs holds its reason and qualification

cdef enum:
    PAGE_SHIFT = 12
    TRAP_LOOP_LIMIT = 1000

# 64-bit constants shared by the machine modules and the VMMs: mstatus/menvcfg bits, the
# interrupt bit of mcause/scause, and "never" for timer deadlines.
cdef extern from *:
    """
    #define PYVIRT_NO_PAGE 0xFFFFFFFFFFFFFFFFULL
    #define PYVIRT_MSTATUS_SIE (1ULL << 1)
    #define PYVIRT_MSTATUS_MIE (1ULL << 3)
    #define PYVIRT_MSTATUS_SPIE (1ULL << 5)
    #define PYVIRT_MSTATUS_MPIE (1ULL << 7)
    #define PYVIRT_MSTATUS_SPP (1ULL << 8)
    #define PYVIRT_MSTATUS_MPP (3ULL << 11)
    #define PYVIRT_MSTATUS_MPRV (1ULL << 17)
    #define PYVIRT_MSTATUS_SUM (1ULL << 18)
    #define PYVIRT_MSTATUS_MXR (1ULL << 19)
    #define PYVIRT_MSTATUS_TVM (1ULL << 20)
    #define PYVIRT_MSTATUS_TW (1ULL << 21)
    #define PYVIRT_MSTATUS_TSR (1ULL << 22)
    #define PYVIRT_MENVCFG_STCE (1ULL << 63)
    #define PYVIRT_INTERRUPT_BIT (1ULL << 63)
    #define PYVIRT_NEVER (0xFFFFFFFFFFFFFFFFULL)
    #define PYVIRT_PPN_MASK ((1ULL << 44) - 1)
    """
    uint64_t NO_PAGE "PYVIRT_NO_PAGE"   # an invalid page number (never a valid vpn)
    uint64_t MSTATUS_SIE "PYVIRT_MSTATUS_SIE"
    uint64_t MSTATUS_MIE "PYVIRT_MSTATUS_MIE"
    uint64_t MSTATUS_SPIE "PYVIRT_MSTATUS_SPIE"
    uint64_t MSTATUS_MPIE "PYVIRT_MSTATUS_MPIE"
    uint64_t MSTATUS_SPP "PYVIRT_MSTATUS_SPP"
    uint64_t MSTATUS_MPP "PYVIRT_MSTATUS_MPP"
    uint64_t MSTATUS_MPRV "PYVIRT_MSTATUS_MPRV"
    uint64_t MSTATUS_SUM "PYVIRT_MSTATUS_SUM"
    uint64_t MSTATUS_MXR "PYVIRT_MSTATUS_MXR"
    uint64_t MSTATUS_TVM "PYVIRT_MSTATUS_TVM"
    uint64_t MSTATUS_TW "PYVIRT_MSTATUS_TW"
    uint64_t MSTATUS_TSR "PYVIRT_MSTATUS_TSR"
    uint64_t MENVCFG_STCE "PYVIRT_MENVCFG_STCE"
    uint64_t INTERRUPT_BIT "PYVIRT_INTERRUPT_BIT"
    uint64_t NEVER "PYVIRT_NEVER"
    uint64_t PPN_MASK "PYVIRT_PPN_MASK"     # the 44-bit physical page number of satp and PTEs

ctypedef struct TlbEntry:
    uint64_t vpn         # virtual page number, NO_PAGE when empty
    uint64_t ppn         # physical page number of this 4 KiB page
    int64_t addend       # host address of a byte = guest va + addend (only when direct != 0)
    uint32_t asid        # tag: the ASID; in hvm non-root mode also TAG_BARE and the VPID (vmx.pxd)
    uint8_t flags        # PTE flags V R W X U G A D
    uint8_t level        # level of the leaf PTE (0 = 4 KiB, 1 = 2 MiB, 2 = 1 GiB)
    uint8_t direct       # DIRECT_* (mmu.pxd): which accesses may use addend; 0: slow path (MMIO, watched page)
    uint8_t pmp_split    # PMP permissions vary within the page: check each access

# One entry of the decoded-instruction cache: the decode of the instruction bits `raw`.
ctypedef struct Decoded:
    uint32_t raw         # instruction bits (16 for compressed); a hit needs equal bits in memory
    uint16_t kind        # K_* (decode.pxd)
    uint8_t cls          # CLS_* for the cost model
    uint8_t length       # 2 or 4
    uint8_t rd
    uint8_t rs1
    uint8_t rs2
    int64_t imm

cdef enum:
    DCACHE_ENTRIES = 16384

cdef enum:
    PWC_ENTRIES = 16       # hvm page-walk cache (second-stage translations of guest table pages)
    NUM_VIEWS = 11         # shadow-paging views (vmx.pxd)

# The VMCS of hardware-assisted virtualization (hvm, docs/hvm.md): execution controls, the
# second stage of nested paging and the exit information. The guest-state area is the
# HartState itself while the hart runs in non-root mode.
ctypedef struct Vmcs:
    int nonroot            # 1: the hart runs a guest; the controls below apply
    int suppress           # 1: the VMM acts on the guest state (emulation, injection): no exits
    uint32_t controls      # CTL_* (vmx.pxd)
    uint64_t exc_bitmap    # bit c: exception cause c exits
    uint8_t csr_bitmap[1024]   # bit 2*num: a read of CSR num exits; bit 2*num+1: a write
    uint64_t mmio_exit     # bit i: accesses to bus region i exit (else the hart performs them)
    uint64_t preempt_at    # cycle at which the preemption timer exits (NEVER: disarmed)
    # nested paging: guest physical -> host physical, Sv39x4
    int nested
    uint64_t ept_root      # host-physical address of the 16 KiB root table
    uint32_t vpid          # TLB tag of the guest (0: VPID off)
    int pwc                # page-walk cache on
    uint64_t pwc_gpage[PWC_ENTRIES]
    uint64_t pwc_hpage[PWC_ENTRIES]
    uint64_t ept_refs      # second-stage references (also counted in walk_refs)
    uint64_t pwc_hits
    uint64_t walks_2d      # TLB misses walked in two dimensions
    # shadow paging: the VMM's shadow root per view (vmx.pxd: shadow_view), a physical satp
    # value; 0: none yet, the hardware uses the empty root, so the access faults to the VMM
    int shadow
    uint64_t shadow_satp[NUM_VIEWS]
    uint64_t shadow_empty
    # exit information
    uint32_t reason        # VMX_* basic exit reason
    uint64_t qual          # exit qualification (cause, CSR number, access kind, interrupt)
    uint64_t gpa           # guest-physical address (EPT violation)
    uint32_t insn          # the exiting instruction (SYSTEM exits)

ctypedef struct HartState:
    uint64_t x[33]         # x[32] is a write sink: the decoder maps rd = x0 there, so x0 stays 0
    uint64_t pc
    int priv
    # machine-level CSRs
    uint64_t mstatus
    uint64_t medeleg
    uint64_t mideleg
    uint64_t mie
    uint64_t mip           # software-writable bits (SSIP, STIP without Sstc, SEIP)
    uint64_t mip_lines     # hardware lines: MSIP, MTIP, MEIP, SEIP, STIP (Sstc)
    uint64_t mtvec
    uint64_t mscratch
    uint64_t mepc
    uint64_t mcause
    uint64_t mtval
    uint64_t mcounteren
    uint64_t menvcfg
    uint64_t pmpcfg[16]
    uint64_t pmpaddr[64]
    # supervisor-level CSRs
    uint64_t stvec
    uint64_t sscratch
    uint64_t sepc
    uint64_t scause
    uint64_t stval
    uint64_t satp
    uint64_t scounteren
    uint64_t senvcfg
    uint64_t stimecmp
    # platform timer compare (CLINT mtimecmp lives with the hart that it interrupts)
    uint64_t mtimecmp
    # counters: cycles is simulated time; mcycle/minstret CSR writes set offsets
    uint64_t cycles
    uint64_t instret
    uint64_t mcycle_offset
    uint64_t minstret_offset
    uint64_t cycles_per_tick
    uint64_t next_check    # run loop slow-checks when cycles >= next_check
    int stop_requested
    # LR/SC reservation
    uint64_t reservation
    int reservation_valid
    # physical memory
    uint8_t* ram
    uint64_t ram_base
    uint64_t ram_size
    DirtyLog* log          # the Bus's dirty log: writes to RAM are marked there while it is on
    uint64_t watch_page    # physical page whose stores leave the fast path (HTIF tohost)
    uint64_t tohost_addr
    uint64_t tohost_value
    # derived translation state (recomputed by mmu_update_mode)
    int fetch_translates
    int data_translates
    int data_priv          # effective privilege of loads and stores (MPRV)
    int data_bare_direct   # DIRECT_* bits: bare data accesses that may skip PMP and the slow path (M-mode,
                           # no locked entry; no stores while the dirty log is on)
    int pmp_locked         # some PMP entry is locked, so M-mode accesses are checked
    int pmp_fine           # some PMP entry boundary is not 4 KiB aligned (pages can be split)
    const uint8_t* perm_read    # 256-entry rows: may an access of this kind use a PTE with these flags
    const uint8_t* perm_write
    const uint8_t* perm_exec
    uint32_t asid          # TLB tag of data accesses (the ASID natively)
    uint32_t fetch_asid    # TLB tag of instruction fetches (differs from asid only in hvm with MPRV)
    uint64_t root_pa
    # fetch page buffer: the host address of the current instruction page
    uint64_t fetch_vpage
    uint8_t* fetch_host
    # decoded-instruction cache, indexed by (pc >> 1) % DCACHE_ENTRIES
    Decoded* dcache
    # TLB model
    TlbEntry* tlb
    uint32_t tlb_set_mask
    uint32_t tlb_ways
    uint32_t* tlb_victim
    uint64_t tlb_hits
    uint64_t tlb_misses
    uint64_t tlb_flushes
    uint64_t walk_refs
    # cost model
    uint64_t cpi[NUM_CLS]
    uint64_t event_cost[NUM_EV]
    # accounting
    uint64_t cat_cycles[NUM_CAT]
    uint64_t event_cycles
    uint64_t insn_by_priv[4]
    uint64_t seg_exec_mark      # cycles - event_cycles when the current privilege segment began
    uint64_t seg_instret_mark
    uint64_t exc_count[16]
    uint64_t irq_count[16]
    # trap-loop detection and exit information
    uint64_t last_trap_instret
    uint64_t trap_repeat
    int firmware_owns_m
    uint64_t exit_cause     # mcause value of the exit (bit 63 set for an interrupt)
    uint64_t exit_tval
    uint64_t exit_pc
    Vmcs vmcs               # hvm: zero (non-root mode off) in every other mode
