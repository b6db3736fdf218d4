"""Migration in experiments: migration.* axes live-migrate a run inside the worker; the record
carries the migration report, its statistics are those of an unmigrated run, and the report
metrics (downtime_ms, migration_ms, pages_sent, precopy_rounds) read it."""
import pytest

from pyvirt.errors import PyvirtError
from pyvirt.experiments import spec
from pyvirt.experiments.runner import run_experiment
from pyvirt.report.data import Frame, metric

EXPERIMENT = """
[experiment]
name = "mig"
max_insns = 50_000_000

[guest]
mem = "16M"

[matrix]
{axes}

[[variant]]
name = "trap"

[[workload]]
label = "tlbstress"
run = "tlbstress 300000 1024"
"""


def outcome(tmp_path, axes):
    return run_experiment(spec.parse(EXPERIMENT.format(axes=axes)), tmp_path / "out", jobs=1, progress=False)


def test_migrated_runs_record_their_migration(tmp_path):
    migrated = outcome(tmp_path / "m", '"migration.at" = [2_000_000]\n"migration.mbps" = [20000, 100000]').records
    plain = outcome(tmp_path / "p", "").records[0]
    assert len(migrated) == 2 and all(r["status"] == "ok" for r in migrated)
    for record in migrated:
        report = record["stats"].pop("migration")
        assert report["rounds"][0]["pages"] == 4096 and report["stop_instret"] >= 2_000_000
        assert record["stats"] == plain["stats"] and record["console"] == plain["console"]
        record["stats"]["migration"] = report
    rows = Frame.from_records(migrated).rows
    values = {row["migration.mbps"]: [metric(row, m) for m in ("downtime_ms", "migration_ms", "pages_sent",
                                                                "precopy_rounds")] for row in rows}
    assert values[100_000][1] < values[20_000][1]                 # a faster link migrates sooner
    assert all(0 < down < total for down, total, _, _ in values.values())


def test_unknown_migration_axis_is_refused():
    with pytest.raises(PyvirtError, match="unknown migration parameter"):
        spec.parse(EXPERIMENT.format(axes='"migration.speed" = [1]'))
