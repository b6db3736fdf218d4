"""Experiment checkpoints ([experiment] console_at + checkpoint): each group of console-booted
runs boots once to console_at and every run starts from the checkpoint, typed its own command;
the records are identical to booting each run and typing its command at the same instruction."""
import pytest

from pyvirt.errors import PyvirtError
from pyvirt.experiments import spec
from pyvirt.experiments.execute import simulated
from pyvirt.experiments.runner import run_experiment

EXPERIMENT = """
[experiment]
name = "cp"
max_insns = 20_000_000
{options}

[guest]
mem = "16M"
disk_bytes = "2M"

[[variant]]
name = "native"

[[variant]]
name = "trap"

[[variant]]
name = "pv"

[[variant]]
name = "hvm-shadow"
mode = "hvm"
config = {{ mmu = "shadow" }}

[[workload]]
run = "syscall 100"

[[workload]]
run = "pgfault 50; run forkwait 3"
label = "pgfault"

[[workload]]
run = "disk virtio 16"
label = "disk16"

[[workload]]
run = "disk virtio 32"
label = "disk32"
"""
CONSOLE_AT = 1_000_000


def records(tmp_path, name, options):
    experiment = spec.parse(EXPERIMENT.format(options=options))
    outcome = run_experiment(experiment, tmp_path / name, jobs=1, progress=False)
    return outcome.records


def test_runs_from_a_checkpoint_equal_booting_each_run(tmp_path, monkeypatch):
    from pyvirt.experiments import checkpoints
    made = []
    original = checkpoints.make
    monkeypatch.setattr(checkpoints, "make", lambda payload: made.append(1) or original(payload))
    booted = records(tmp_path, "booted", f"console_at = {CONSOLE_AT}")
    checkpointed = records(tmp_path, "checkpointed", f"console_at = {CONSOLE_AT}\ncheckpoint = true")
    assert len(made) == 8, "one checkpoint per group (mode; with or without a disk)"
    assert [r["host"]["checkpoint"] for r in booted] == [False] * 16
    assert [r["host"]["checkpoint"] for r in checkpointed] == [True] * 16
    assert [r["status"] for r in booted] == ["ok"] * 16
    assert all(r["params"]["console_at"] == CONSOLE_AT and "CONSOLE command?" in r["console"] for r in booted)
    assert [simulated(r) for r in checkpointed] == [simulated(r) for r in booted]


def test_a_guest_not_yet_at_its_prompt_fails_its_runs(tmp_path):
    failed = records(tmp_path, "early", "console_at = 1000\ncheckpoint = true")
    assert {r["status"] for r in failed} == {"failed"}
    assert "console_at 1000: the guest had not asked for its command by then" in failed[0]["reason"]


@pytest.mark.parametrize("options, message", [
    ("console_at = 0", "experiment.console_at: must be a positive integer"),
    ("checkpoint = true", "experiment.checkpoint: needs experiment.console_at"),
    ("console_at = 5\ncheckpoint = 1", "experiment.checkpoint: must be true or false"),
])
def test_console_options_are_checked(options, message):
    with pytest.raises(PyvirtError, match=message):
        spec.parse(EXPERIMENT.format(options=options), resolve=False)


def test_a_command_longer_than_init_reads_is_refused():
    workload = '[[workload]]\nrun = "syscall {}"\nlabel = "long"\n'.format("1" * 260)
    long = EXPERIMENT.format(options="console_at = 5") + workload
    with pytest.raises(PyvirtError, match="init reads at most 256"):
        spec.parse(long).runs()

