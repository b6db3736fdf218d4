"""Experiment checkpoints ([experiment] checkpoint_at): each group of runs boots once and every
run starts from the checkpoint with its own command line; the records are identical to
booting each run. A checkpoint past the guest's first read of its command line is refused."""
import pytest

from pyvirt.errors import PyvirtError
from pyvirt.experiments import spec
from pyvirt.experiments.execute import simulated
from pyvirt.experiments.runner import run_experiment

EXPERIMENT = """
[experiment]
name = "cp"
max_insns = 20_000_000
{checkpoint}

[guest]
mem = "64M"
disk_bytes = "2M"

[[variant]]
name = "native"

[[variant]]
name = "trap"

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


def records(tmp_path, name, checkpoint=""):
    experiment = spec.parse(EXPERIMENT.format(checkpoint=checkpoint))
    outcome = run_experiment(experiment, tmp_path / name, jobs=1, progress=False)
    return {r["key"]: simulated(r) for r in outcome.records}


def test_runs_from_a_checkpoint_equal_booting_each_run(tmp_path, monkeypatch):
    from pyvirt.snapshot import checkpoint
    resumed = []
    original = checkpoint.resume
    monkeypatch.setattr(checkpoint, "resume", lambda *a, **k: resumed.append(1) or original(*a, **k))
    booted = records(tmp_path, "booted")
    assert not resumed
    checkpointed = records(tmp_path, "checkpointed", "checkpoint_at = 30_000")
    assert len(resumed) == 12, "every run started from its group's checkpoint"
    assert [r["status"] for r in booted.values()] == ["ok"] * 12
    assert checkpointed == booted


def test_a_checkpoint_after_the_command_line_was_read_is_refused(tmp_path):
    with pytest.raises(PyvirtError, match="checkpoint_at 100000: by then the guest has read its command line"):
        records(tmp_path, "late", "checkpoint_at = 100_000")


def test_checkpoint_at_must_be_a_positive_integer():
    with pytest.raises(PyvirtError, match="experiment.checkpoint_at: must be a positive integer"):
        spec.parse(EXPERIMENT.format(checkpoint="checkpoint_at = 0"), resolve=False)
