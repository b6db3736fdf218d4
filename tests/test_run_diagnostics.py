"""Guests pyvirt has to stop end with one diagnostic line and exit status 3, never a hang or a
traceback: an instruction limit, a trap loop, a wfi nothing can wake."""
import subprocess
import sys

import pytest

from tests.elfutil import make_elf, words

JUMP_SELF = 0x0000006F          # j .
WFI = 0x10500073
JUMP_BACK_4 = 0xFFDFF06F        # j .-4
ILLEGAL = 0x00000000


def run(tmp_path, payload, *args):
    kernel = tmp_path / "k.elf"
    kernel.write_bytes(make_elf(payload))
    proc = subprocess.run([sys.executable, "-m", "pyvirt", "run", "--bios", "none", str(kernel), *args],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    return proc.returncode, proc.stderr


def one_line(stderr):
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


def test_instruction_limit(tmp_path):
    status, err = run(tmp_path, words(JUMP_SELF), "--max-insns", "1000")
    assert status == 3
    assert one_line(err) == "pyvirt: instruction limit 1000 reached at pc=0x80000000"


def test_trap_loop(tmp_path):
    # an illegal instruction traps to mtvec = 0, where fetching faults again, forever
    status, err = run(tmp_path, words(ILLEGAL))
    line = one_line(err)
    assert status == 3
    assert line.startswith("pyvirt: guest stuck in a trap loop: cause 1 ")   # instruction access fault
    assert "pc=0x0 " in line


def test_wfi_with_nothing_to_wake_the_hart(tmp_path):
    status, err = run(tmp_path, words(WFI, JUMP_BACK_4))
    assert status == 3
    assert "waits for an interrupt that can never arrive" in one_line(err)


@pytest.mark.parametrize("limit", ["0", "-5", "ten"])
def test_bad_instruction_limit_is_a_usage_error(tmp_path, limit):
    status, err = run(tmp_path, words(JUMP_SELF), "--max-insns", limit)
    assert status == 2
    assert one_line(err).startswith("pyvirt: error: ")


def test_interrupt_keeps_the_statistics(tmp_path):
    # Ctrl-C ends the run with one line and status 130, and the statistics so far are written
    import json
    import signal
    import time
    kernel, stats = tmp_path / "k.elf", tmp_path / "s.json"
    kernel.write_bytes(make_elf(words(JUMP_SELF)))
    proc = subprocess.Popen([sys.executable, "-m", "pyvirt", "run", "--bios", "none", str(kernel), "--stats",
                             str(stats)], stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(3)                  # well past start-up: the guest is running
    proc.send_signal(signal.SIGINT)
    err = proc.communicate(timeout=60)[1]
    assert proc.returncode == 130
    assert one_line(err) == "pyvirt: interrupted"
    written = json.loads(stats.read_text())
    assert written["instructions"]["total"] > 0
    assert written["exit"]["diagnostic"].startswith("interrupted at pc=0x80000000")
