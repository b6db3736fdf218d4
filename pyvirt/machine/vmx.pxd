# Hardware-assisted virtualization (hvm, docs/hvm.md): the exit decisions the hart makes in
# non-root mode, on slow paths only (traps, SYSTEM instructions, device accesses, the timer
# check). Each sets the VMCS exit information and the exit_cause/tval/pc trap fields.
from libc.stdint cimport uint32_t, uint64_t
from pyvirt.machine.state cimport *

# basic exit reasons (Intel SDM vol. 3, appendix C numbering where an analogue exists)
cdef enum:
    VMX_EXCEPTION = 0      # an exception in the exception bitmap (qual = cause)
    VMX_EXTINT = 1         # an interrupt from a hardware line (qual = interrupt number)
    VMX_INTWIN = 7         # interrupt window: a software-pending interrupt the guest can take
    VMX_WFI = 12           # wfi (HLT exiting)
    VMX_SFENCE = 14        # sfence.vma (INVLPG exiting)
    VMX_VMCALL = 18        # ecall from the guest's S-mode (an SBI call)
    VMX_SATP = 28          # satp write (CR3-load exiting)
    VMX_CSR_READ = 31      # CSR read in the CSR bitmap (RDMSR; qual = CSR number)
    VMX_CSR_WRITE = 32     # CSR write in the CSR bitmap (WRMSR; qual = CSR number)
    VMX_EPT_VIOLATION = 48 # an access to a device region that exits (qual = 1 read, 2 write; gpa)
    VMX_PREEMPT = 52       # the preemption timer expired
    VMX_MTRAP = 64         # a trap that targets the guest's M level (qual = mcause)
    VMX_MRET = 65          # mret (an M-level operation)

# execution controls (Vmcs.controls)
cdef enum:
    CTL_EXTINT = 1         # external-interrupt exiting
    CTL_INTWIN = 2         # interrupt-window exiting
    CTL_WFI = 4            # wfi exiting
    CTL_SATP = 8           # satp-write exiting
    CTL_VMCALL = 16        # ecall-from-S (SBI call) exiting
    CTL_SFENCE = 32        # sfence.vma exiting

# exception causes the hart raises for a device access that exits (the H extension's
# load/store guest-page-fault numbers); they never reach a guest
cdef enum:
    EXC_GUEST_LOAD = 21
    EXC_GUEST_STORE = 23

cdef enum:
    TAG_BARE = 1 << 16     # TLB tag bit: a translation of the guest's Bare mode
    VPID_SHIFT = 17        # TLB tag bits above: the VPID
    TAG_NOFILL = 1 << 31   # TLB tag bit: the VMM's emulation under shadow paging (never cached)

# shadow-paging views (the trap VMM's and the hvm hardware's): 0..7 are translated views keyed
# like the MMU's permission tables (user 1, SUM 2, MXR 4; SUM is dropped for user views); then
# the untranslated views
cdef enum:
    V_USER = 1
    V_SUM = 2
    V_MXR = 4
    V_BARE_M = 8       # M-mode (or MPRV with MPP = M): identity map, PMP only if locked
    V_BARE_SU = 9      # S/U with satp = Bare: identity map under the guest's PMP
    V_MPRV = 10        # M-mode with MPRV (data at MPP): identity, execute only; data emulated


# The shadow view of guest state s: which shadow root translates its accesses.
cdef inline int shadow_view(HartState* s) noexcept nogil:
    if s.priv == PRV_M:
        if (s.mstatus & MSTATUS_MPRV) and ((s.mstatus >> 11) & 3) != PRV_M:
            return V_MPRV
        return V_BARE_M
    if (s.satp >> 60) != 8:
        return V_BARE_SU
    if s.priv == PRV_U:
        return V_USER | (V_MXR if s.mstatus & MSTATUS_MXR else 0)
    return (V_SUM if s.mstatus & MSTATUS_SUM else 0) | (V_MXR if s.mstatus & MSTATUS_MXR else 0)


# Record a VM exit with reason and qualification; returns EXIT_VMEXIT.
cdef inline int vmx_exit(HartState* s, uint32_t reason, uint64_t qual) noexcept nogil:
    s.vmcs.reason = reason
    s.vmcs.insn = 0
    s.vmcs.qual = qual
    s.exit_pc = s.pc
    return EXIT_VMEXIT


# Record the exiting instruction; returns 1.
cdef inline int vmx_insn(HartState* s, uint32_t insn) noexcept nogil:
    s.vmcs.insn = insn
    return 1


# Whether the hart intercepts this CSR instruction (bitmap, satp-write exiting); an access the
# guest's privilege does not allow raises its exception instead, as on VT-x.
cdef inline int vmx_csr_exits(HartState* s, uint32_t insn) noexcept nogil:
    cdef uint32_t num = insn >> 20, f3 = (insn >> 12) & 7, rd = (insn >> 7) & 31, rs1 = (insn >> 15) & 31
    cdef int writes = (f3 & 3) == 1 or rs1 != 0
    cdef int reads = (f3 & 3) != 1 or rd != 0
    if ((num >> 8) & 3) > <uint32_t>s.priv:
        return 0
    if writes and num == 0x180 and (s.vmcs.controls & CTL_SATP):
        return vmx_exit(s, VMX_SATP, num)
    if writes and (s.vmcs.csr_bitmap[(2 * num + 1) >> 3] >> ((2 * num + 1) & 7)) & 1:
        return vmx_exit(s, VMX_CSR_WRITE, num)
    if reads and (s.vmcs.csr_bitmap[(2 * num) >> 3] >> ((2 * num) & 7)) & 1:
        return vmx_exit(s, VMX_CSR_READ, num)
    return 0


# Whether the SYSTEM instruction insn exits in non-root mode (the VMM then emulates it).
# Only instructions the guest's privilege allows exit; the others raise their exception.
cdef inline int vmx_system_exits(HartState* s, uint32_t insn) noexcept nogil:
    cdef uint32_t f3 = (insn >> 12) & 7
    if not s.vmcs.nonroot or s.vmcs.suppress:
        return 0
    if f3 != 0 and f3 != 4:
        return vmx_csr_exits(s, insn) and vmx_insn(s, insn)
    if insn == 0x30200073 and s.priv == PRV_M:
        return vmx_exit(s, VMX_MRET, 0) and vmx_insn(s, insn)
    if insn == 0x10500073 and (s.vmcs.controls & CTL_WFI) and \
            (s.priv == PRV_M or (s.priv == PRV_S and not (s.mstatus & MSTATUS_TW))):
        return vmx_exit(s, VMX_WFI, 0) and vmx_insn(s, insn)
    if (insn & <uint32_t>0xFE007FFF) == <uint32_t>0x12000073 and (s.vmcs.controls & CTL_SFENCE) and \
            (s.priv == PRV_M or (s.priv == PRV_S and not (s.mstatus & MSTATUS_TVM))):
        return vmx_exit(s, VMX_SFENCE, 0) and vmx_insn(s, insn)
    return 0


# Whether a trap (exception cause, or interrupt) exits instead of entering the guest's
# handler: device accesses, the exception bitmap, ecall-from-S exiting, interrupt exiting,
# and every trap that targets the guest's M level (the VMM owns M).
cdef inline int vmx_trap_exits(HartState* s, uint64_t cause, uint64_t tval, int interrupt) noexcept nogil:
    cdef uint64_t deleg = s.mideleg if interrupt else s.medeleg
    cdef int to_m = s.priv == PRV_M or not ((deleg >> cause) & 1)
    if not s.vmcs.nonroot or s.vmcs.suppress:
        return 0
    s.exit_cause = cause | (INTERRUPT_BIT if interrupt else 0)
    s.exit_tval = tval
    if interrupt:
        if (s.mip_lines >> cause) & 1:
            if s.vmcs.controls & CTL_EXTINT:
                return vmx_exit(s, VMX_EXTINT, cause)
        elif s.vmcs.controls & CTL_INTWIN:
            return vmx_exit(s, VMX_INTWIN, cause)
    elif cause == EXC_GUEST_LOAD or cause == EXC_GUEST_STORE:
        return vmx_exit(s, VMX_EPT_VIOLATION, 1 if cause == EXC_GUEST_LOAD else 2)
    elif (s.vmcs.exc_bitmap >> cause) & 1:
        return vmx_exit(s, VMX_EXCEPTION, cause)
    elif cause == EXC_ECALL_S and (s.vmcs.controls & CTL_VMCALL):
        return vmx_exit(s, VMX_VMCALL, 0)
    if to_m:
        return vmx_exit(s, VMX_MTRAP, s.exit_cause)
    return 0


# Whether a device access to bus region (index) exits; records the guest-physical address.
cdef inline int vmx_mmio_exits(HartState* s, int region, uint64_t pa) noexcept nogil:
    if not s.vmcs.nonroot or s.vmcs.suppress or region < 0 or not ((s.vmcs.mmio_exit >> region) & 1):
        return 0
    s.vmcs.gpa = pa
    return 1
