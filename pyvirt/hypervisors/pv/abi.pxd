# The paravirtual hypercall ABI's numbers (docs/hypercall-abi.md; the guest's copy is
# guests/kernel/hypercall.h).

cdef enum:
    HC_CONSOLE_IO = 0
    HC_SET_TIMER = 1
    HC_SET_CALLBACKS = 2
    HC_MMU_UPDATE = 3
    HC_MMUEXT_OP = 4
    HC_SWITCH_AS = 5
    HC_TLB_FLUSH = 6
    HC_MULTICALL = 7
    HC_EVENT_CHANNEL_OP = 8
    HC_SCHED_OP = 9
    HC_RING_SETUP = 10
    HC_MEMORY_OP = 11
    HC_TRAP_RETURN = 12
    HC_UPDATE_VA_MAPPING = 13
    NUM_HC = 14

# negative errno results (Linux numbers)
cdef enum:
    E_PERM = 1
    E_NOMEM = 12
    E_FAULT = 14
    E_BUSY = 16
    E_NODEV = 19
    E_INVAL = 22
    E_NOSYS = 38

cdef enum:
    MMUEXT_PIN_L0 = 0
    MMUEXT_PIN_L1 = 1
    MMUEXT_PIN_L2 = 2
    MMUEXT_UNPIN = 3
    SCHEDOP_YIELD = 0
    SCHEDOP_BLOCK = 1
    SCHEDOP_SHUTDOWN = 2
    SCHEDOP_CHECK = 3
    MEMOP_INCREASE = 0
    MEMOP_DECREASE = 1
    MAX_MMU_BATCH = 2048
    MAX_MULTICALL = 64
