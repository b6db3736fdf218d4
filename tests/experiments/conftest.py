"""A tiny experiment for the harness tests: the null system call (100 iterations) and the bare
hello guest under the unit profile, natively and under a configuration the VMM rejects (hvm
with shadow paging but without satp-write exiting), which the harness records as skipped."""
import pytest

from pyvirt.experiments import spec

TINY = """
[experiment]
name = "tiny"
title = "Tiny test experiment"

[matrix]
profile = ["unit"]

[[variant]]
name = "native"

[[variant]]
name = "hvm-shadow"
mode = "hvm"
config = { mmu = "shadow", hvm = "satp=off" }

[[workload]]
run = "syscall 100"

[[workload]]
run = "bare/hello"

[[figure]]
name = "bars"
title = "Tiny bars"
x = "workload"
hue = "variant"
log = true

[[figure]]
name = "where"
kind = "breakdown"
x = "workload"
where = { variant = "native" }

[[table]]
name = "cycles"
title = "Tiny table"
rows = "workload"
columns = ["profile", "variant"]
metric = "per_iter"
"""


@pytest.fixture
def tiny_file(tmp_path):
    path = tmp_path / "tiny.toml"
    path.write_text(TINY)
    return path


@pytest.fixture
def tiny(tiny_file):
    return spec.load(tiny_file)


@pytest.fixture(scope="session")
def tiny_results(tmp_path_factory):
    """One finished run of the tiny experiment (shared, read-only)."""
    from pyvirt.experiments import runner
    root = tmp_path_factory.mktemp("tiny")
    path = root / "tiny.toml"
    path.write_text(TINY)
    out = root / "results"
    runner.run_experiment(spec.load(path), out, jobs=1, progress=False)
    return out
