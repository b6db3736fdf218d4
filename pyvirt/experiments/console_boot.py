"""Console-booted runs (`[experiment] console_at = N`, docs/experiments.md): the guest boots
with the kernel command line `console`, init prints its prompt and waits for a command line
on the console; the harness types the run's workload (`run WORKLOAD\\n`) after exactly N
retired instructions. N is an instruction count, not a time, so the input arrives at the
same point of the guest's execution in every run, checkpointed or not."""
from pyvirt.errors import PyvirtError

COMMAND_LINE = "console"
PROMPT = b"CONSOLE command?\n"
LINE_MAX = 256                  # the longest line init reads, newline included (guests/user/init.c)


class NotAtPrompt(PyvirtError):
    """The guest ended before console_at, or had not asked for its command by then."""


def boot_to_prompt(vmm, console, at: int) -> None:
    """Run the fresh, console-booted vmm to exactly `at` instructions and check that its
    console (a CaptureConsole) shows the prompt by then; NotAtPrompt otherwise."""
    vmm.pause_at = at
    vmm.run()
    vmm.pause_at = None
    if not vmm.paused:
        raise NotAtPrompt(f"console_at {at}: the guest ended after {vmm.hart.instret} instructions, "
                          f"before it could be typed its command")
    if PROMPT not in console.buffer:
        raise NotAtPrompt(f"console_at {at}: the guest had not asked for its command by then "
                          f"(no '{PROMPT.decode().strip()}' line); choose a larger console_at")


def command_line(run: str) -> bytes:
    """The console input that runs `run`; PyvirtError when it is longer than init reads."""
    line = f"run {run}\n".encode()
    if len(line) > LINE_MAX:
        raise PyvirtError(f"run {run!r}: {len(line)} bytes as a console line, init reads at most {LINE_MAX}")
    return line


def type_command(vmm, run: str) -> None:
    """Hand the guest paused at its prompt the command line `run RUN` as console input."""
    vmm.feed_input(command_line(run))
