"""What every VMM shares: building the board, the console, the run loop's common exits
(budget, instruction limit, stop, tohost, trap loop, idle), the exit status and statistics."""
import sys

from pyvirt import stats as stats_mod
from pyvirt.console import Console
from pyvirt.costmodel import load_profile
from pyvirt.errors import PyvirtError
from pyvirt.machine.board import Board

EXIT_BUDGET, EXIT_STOP, EXIT_MTRAP, EXIT_WFI_IDLE, EXIT_TOHOST, EXIT_TRAP_LOOP = range(6)
SLICE = 1_000_000            # instructions between host-side polls (console input)
STATUS_GUEST_STOPPED = 3     # exit status when pyvirt stops a guest that cannot continue


class VMM:
    """Base of the mode-specific VMMs: owns the board and the run loop."""

    mode = None

    def __init__(self, config, console=None, input_source=None, profile=None):
        self.config = config
        self.profile = profile or load_profile(config.profile)
        self.console = console or Console()
        self.input = input_source
        self.board = Board(config, self.profile, self.console.write, input_source, **self.board_options())
        self.hart = self.board.hart
        self.diagnostic = None
        self.status = None
        self.pause_at = None          # pause (status None) once this many instructions retired
        self.paused = False           # the last run() paused: the board stays open, run() continues
        self.booted = False           # booted, or restored from a snapshot: run() continues

    def board_options(self):
        """Extra Board arguments of this mode (private memory, the devices' hart pins)."""
        return {}

    def run_slice(self, budget):
        """Run the guest for at most budget instructions; return the EXIT_* code."""
        return self.hart.run(budget)

    def boot(self):
        """Load the kernel and put the hart at its first instruction (mode-specific)."""
        raise NotImplementedError

    def handle_mtrap(self):
        """A trap reached M-mode owned by the host (mode-specific); return a status to stop, or None."""
        raise NotImplementedError

    def save_state(self):
        """This mode's own state as plain data for a snapshot (pyvirt.snapshot saves the board,
        RAM, the private memory and the firmware). A mode is snapshottable once it overrides
        this and load_state."""
        raise PyvirtError(f"mode '{self.mode}' does not support snapshots yet")

    def load_state(self, state):
        """Restore save_state() into a freshly built, not booted VMM of the same configuration."""
        raise PyvirtError(f"mode '{self.mode}' does not support snapshots yet")

    def run(self):
        """Run the guest to completion, or until pause_at; return its exit status (None when
        paused: calling run() again continues). Interrupted (Ctrl-C), it still writes the
        statistics of the run so far, then lets the interrupt through."""
        try:
            if not self.booted:
                self.boot()
                self.booted = True
            self.paused = False
            self.status = self._loop()
        except KeyboardInterrupt:
            self.diagnostic = f"interrupted at pc=0x{self.hart.pc:x} after {self.hart.instret} instructions"
            self.write_stats()
            raise
        finally:
            self.console.flush()
            if not self.paused:
                self.board.close()
        if self.diagnostic:
            print(f"pyvirt: {self.diagnostic}", file=sys.stderr)
        if not self.paused:
            self.write_stats()          # at the end: a pause (snapshot, migration, control poll) is not one
        return self.status

    def write_stats(self):
        """Write the statistics where the configuration asks for them."""
        if self.config.stats_path:
            stats_mod.write_json(self.config.stats_path, self.stats())
        if self.config.stats_text:
            print(stats_mod.summary(self.stats()), file=sys.stderr)

    def _loop(self):
        while True:
            budget = self._budget()
            if budget <= 0:
                return self._at_limit()
            code = self.run_slice(budget)
            status = self._handle(code)
            if status is not None:
                return status
            self.poll_input()
            self.console.flush()

    def poll_input(self):
        """Between slices: hand the guest the console input that is waiting (the UART's)."""
        self.board.uart.poll_input()

    def feed_input(self, data):
        """Give the guest console input data."""
        self.board.uart.feed(data)

    def _budget(self):
        """Instructions the next slice may retire: a slice, cut at the instruction limit and at
        the pause point (so a snapshot is taken after exactly pause_at instructions)."""
        end = self.hart.instret + SLICE
        for limit in (self.config.max_insns, self.pause_at):
            if limit is not None:
                end = min(end, limit)
        return end - self.hart.instret

    def _at_limit(self):
        """The pause point (paused: status None) or the instruction limit (stopped) was reached."""
        if self.pause_at is not None and self.hart.instret >= self.pause_at:
            self.paused = True
            return None
        return self._stop(f"instruction limit {self.config.max_insns} reached at pc=0x{self.hart.pc:x}")

    def _handle(self, code):
        """Act on one exit of hart.run; return the final exit status or None to continue."""
        if code == EXIT_BUDGET:
            return None
        if code == EXIT_STOP:
            return self._power_status()
        if code == EXIT_TOHOST:
            return min(self.hart.tohost_value >> 1, 255)
        if code == EXIT_MTRAP:
            return self.handle_mtrap()
        if code == EXIT_TRAP_LOOP:
            return self._stop(f"guest stuck in a trap loop: cause {self.hart.exit_cause} repeated without "
                              f"progress at pc=0x{self.hart.exit_pc:x} (tval 0x{self.hart.exit_tval:x}) "
                              f"after {self.hart.instret} instructions")
        if code == EXIT_WFI_IDLE:
            return self._idle()
        raise AssertionError(f"unknown hart exit {code}")

    def _power_status(self):
        power = self.board.power
        if power.kind is None:
            return None
        return power.code if power.kind in ("fail", "shutdown") else 0

    def _idle(self):
        """The hart waits for an interrupt no timer will raise: wait for console input, or stop."""
        if self.input is not None and not self.input.eof:
            self.feed_input(self.input.poll(block=True))
            return None
        return self._stop(f"guest waits for an interrupt that can never arrive (wfi, no timer armed, "
                          f"no input) at pc=0x{self.hart.pc:x} after {self.hart.instret} instructions")

    def _stop(self, message):
        self.diagnostic = message
        return STATUS_GUEST_STOPPED

    def stats(self):
        return stats_mod.collect(self)
