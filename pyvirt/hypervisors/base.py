"""What every VMM shares: building the board, the console, the run loop's common exits
(budget, instruction limit, stop, tohost, trap loop, idle), the exit status and statistics."""
import sys

from pyvirt import stats as stats_mod
from pyvirt.console import Console
from pyvirt.costmodel import load_profile
from pyvirt.machine.board import Board

EXIT_BUDGET, EXIT_STOP, EXIT_MTRAP, EXIT_WFI_IDLE, EXIT_TOHOST, EXIT_TRAP_LOOP = range(6)
SLICE = 1_000_000            # instructions between host-side polls (console input)
STATUS_GUEST_STOPPED = 3     # exit status when pyvirt stops a guest that cannot continue


class VMM:
    """Base of the mode-specific VMMs: owns the board and the run loop."""

    mode = None

    def __init__(self, config, console=None, input_source=None):
        self.config = config
        self.profile = load_profile(config.profile)
        self.console = console or Console()
        self.input = input_source
        self.board = Board(config, self.profile, self.console.write, input_source, **self.board_options())
        self.hart = self.board.hart
        self.diagnostic = None
        self.status = None

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

    def run(self):
        """Run the guest to completion; return its exit status. Interrupted (Ctrl-C), it still
        writes the statistics of the run so far, then lets the interrupt through."""
        try:
            self.boot()
            self.status = self._loop()
        except KeyboardInterrupt:
            self.diagnostic = f"interrupted at pc=0x{self.hart.pc:x} after {self.hart.instret} instructions"
            self._report()
            raise
        finally:
            self.console.flush()
            self.board.close()
        if self.diagnostic:
            print(f"pyvirt: {self.diagnostic}", file=sys.stderr)
        self._report()
        return self.status

    def _report(self):
        """Write the statistics where the configuration asks for them."""
        if self.config.stats_path:
            stats_mod.write_json(self.config.stats_path, self.stats())
        if self.config.stats_text:
            print(stats_mod.summary(self.stats()), file=sys.stderr)

    def _loop(self):
        limit = self.config.max_insns
        while True:
            budget = SLICE if limit is None else min(SLICE, limit - self.hart.instret)
            if budget <= 0:
                return self._stop(f"instruction limit {limit} reached at pc=0x{self.hart.pc:x}")
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
