"""SiFive PLIC as on QEMU virt with one hart (RISC-V PLIC spec 1.0.0, "Memory map" and "Gateways").

Sources 1..53 (source 0 is reserved and reads 0); 7 priority levels (mask 0x7, 0 = never).
Two contexts: 0 = hart 0 M-mode (drives mip.MEIP, bit 11), 1 = hart 0 S-mode (mip.SEIP, bit 9).
  0x000000 + 4*n           priority of source n
  0x001000 + 4*w           pending bits of sources 32w..32w+31 (read-only)
  0x002000 + 0x80*c + 4*w  enable bits of context c
  0x200000 + 0x1000*c      priority threshold of context c
  0x200004 + 0x1000*c      claim (read) / complete (write) of context c
Only aligned 32-bit accesses are implemented.

Gateway (level-triggered): while a source's line is high and it is neither pending nor
claimed, the gateway sets its pending bit. Once pending, the request stays pending until
claimed even if the line drops (spec: the handler must cope). A claimed source is not
re-pended until its completion; at completion it is re-pended if its line is still high.
"""
from pyvirt.devices.device import Device

NUM_SOURCES = 53
PRIORITY_MASK = 0x7
SOURCE_MASK = ((1 << (NUM_SOURCES + 1)) - 1) & ~1   # bits 1..53
CONTEXT_MIP_BITS = (11, 9)                           # context -> mip bit (MEIP, SEIP)
NUM_CONTEXTS = len(CONTEXT_MIP_BITS)

PRIORITY_BASE = 0x000000
PENDING_BASE = 0x001000
ENABLE_BASE = 0x002000
ENABLE_STRIDE = 0x80
CONTEXT_BASE = 0x200000
CONTEXT_STRIDE = 0x1000
NUM_WORDS = (NUM_SOURCES + 32) // 32                 # 32-bit words covering sources 0..53


class Plic(Device):
    """PLIC of one hart; `hart.set_mip_bit(bit, level)` receives MEIP and SEIP."""

    size = 0x60_0000

    def __init__(self, hart, name: str = "plic"):
        self.name = name
        self._hart = hart
        self._priority = [0] * (NUM_SOURCES + 1)
        self._levels = 0          # bitmask: input line levels
        self._pending = 0         # bitmask: pending bits
        self._claimed = 0         # bitmask: claimed, not yet completed
        self._enable = [0] * NUM_CONTEXTS
        self._threshold = [0] * NUM_CONTEXTS
        self._outputs = [False] * NUM_CONTEXTS
        self._claims = 0

    # --- input lines -------------------------------------------------------------------
    def set_source(self, source: int, level: bool) -> None:
        """Level-triggered input from a device; sources outside 1..53 are ignored."""
        if not 1 <= source <= NUM_SOURCES:
            return
        bit = 1 << source
        self._levels = (self._levels | bit) if level else (self._levels & ~bit)
        self._gateway(source)
        self._update_outputs()

    def _gateway(self, source: int) -> None:
        bit = 1 << source
        if self._levels & bit and not self._claimed & bit:
            self._pending |= bit

    # --- register access ---------------------------------------------------------------
    def read(self, offset: int, size: int) -> int:
        if size != 4 or offset % 4:
            return 0
        if offset < PENDING_BASE:
            return self._read_priority(offset // 4)
        if offset < ENABLE_BASE:
            return self._word(self._pending, (offset - PENDING_BASE) // 4)
        if offset < CONTEXT_BASE:
            return self._read_enable(offset - ENABLE_BASE)
        return self._read_context(offset - CONTEXT_BASE)

    def write(self, offset: int, size: int, value: int) -> None:
        if size != 4 or offset % 4:
            return
        value &= 0xFFFF_FFFF
        if offset < PENDING_BASE:
            self._write_priority(offset // 4, value)
        elif ENABLE_BASE <= offset < CONTEXT_BASE:
            self._write_enable(offset - ENABLE_BASE, value)
        elif offset >= CONTEXT_BASE:
            self._write_context(offset - CONTEXT_BASE, value)
        self._update_outputs()

    @staticmethod
    def _word(mask: int, word: int) -> int:
        return (mask >> (32 * word)) & 0xFFFF_FFFF if word < NUM_WORDS else 0

    def _read_priority(self, source: int) -> int:
        return self._priority[source] if source <= NUM_SOURCES else 0

    def _write_priority(self, source: int, value: int) -> None:
        if 1 <= source <= NUM_SOURCES:
            self._priority[source] = value & PRIORITY_MASK

    def _read_enable(self, rel: int) -> int:
        context, word = divmod(rel, ENABLE_STRIDE)
        if context >= NUM_CONTEXTS:
            return 0
        return self._word(self._enable[context], word // 4)

    def _write_enable(self, rel: int, value: int) -> None:
        context, word = divmod(rel, ENABLE_STRIDE)
        word //= 4
        if context >= NUM_CONTEXTS or word >= NUM_WORDS:
            return
        shift = 32 * word
        kept = self._enable[context] & ~(0xFFFF_FFFF << shift)
        self._enable[context] = (kept | (value << shift)) & SOURCE_MASK

    def _read_context(self, rel: int) -> int:
        context, reg = divmod(rel, CONTEXT_STRIDE)
        if context >= NUM_CONTEXTS:
            return 0
        if reg == 0:
            return self._threshold[context]
        if reg == 4:
            return self._claim(context)
        return 0

    def _write_context(self, rel: int, value: int) -> None:
        context, reg = divmod(rel, CONTEXT_STRIDE)
        if context >= NUM_CONTEXTS:
            return
        if reg == 0:
            self._threshold[context] = value & PRIORITY_MASK
        elif reg == 4:
            self._complete(context, value)

    # --- claim / complete --------------------------------------------------------------
    def _best_source(self, context: int) -> int:
        """Highest-priority pending enabled source above threshold (ties: lowest id), or 0."""
        candidates = self._pending & self._enable[context]
        best, best_priority = 0, self._threshold[context]
        while candidates:                                 # ascending source id
            lowest = candidates & -candidates
            source = lowest.bit_length() - 1
            if self._priority[source] > best_priority:
                best, best_priority = source, self._priority[source]
            candidates ^= lowest
        return best

    def _claim(self, context: int) -> int:
        source = self._best_source(context)
        if source:
            self._pending &= ~(1 << source)
            self._claimed |= 1 << source
            self._claims += 1
            self._update_outputs()
        return source

    def _complete(self, context: int, source: int) -> None:
        """Ignored unless `source` is claimed and enabled for `context` (as the spec allows)."""
        if not 1 <= source <= NUM_SOURCES:
            return
        bit = 1 << source
        if self._claimed & bit and self._enable[context] & bit:
            self._claimed &= ~bit
            self._gateway(source)

    # --- outputs -----------------------------------------------------------------------
    def _update_outputs(self, force: bool = False) -> None:
        for context, mip_bit in enumerate(CONTEXT_MIP_BITS):
            level = self._best_source(context) != 0
            if force or level != self._outputs[context]:
                self._outputs[context] = level
                self._hart.set_mip_bit(mip_bit, level)

    def get_state(self) -> dict:
        return {
            "priority": list(self._priority),
            "levels": self._levels,
            "pending": self._pending,
            "claimed": self._claimed,
            "enable": list(self._enable),
            "threshold": list(self._threshold),
            "claims": self._claims,
        }

    def set_state(self, state: dict) -> None:
        self._priority = list(state["priority"])
        self._levels = state["levels"]
        self._pending = state["pending"]
        self._claimed = state["claimed"]
        self._enable = list(state["enable"])
        self._threshold = list(state["threshold"])
        self._claims = state["claims"]
        self._update_outputs(force=True)

    def stats(self) -> dict:
        return {"claims": self._claims}
