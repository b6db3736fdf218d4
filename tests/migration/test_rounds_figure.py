"""The pre-copy rounds figure (report kind "rounds", the Clark et al. shape): one line per
migrated run, a point per round and one for the stop-and-copy, every point in its CSV."""
import csv

from pyvirt.experiments import spec
from pyvirt.experiments.runner import run_experiment
from pyvirt.report import figures, style
from pyvirt.report.data import Frame
from tests.migration.test_experiment import EXPERIMENT


def test_rounds_figure_draws_pages_per_round(tmp_path):
    axes = '"migration.at" = [2_000_000]\n"migration.mbps" = [20000, 100000]'
    records = run_experiment(spec.parse(EXPERIMENT.format(axes=axes)), tmp_path / "out", jobs=1,
                             progress=False).records
    for sub in ("figures", "data"):
        (tmp_path / sub).mkdir()
    result = figures.draw(Frame.from_records(records), {"name": "rounds", "kind": "rounds", "hue": "migration.mbps"},
                          "mig", str(tmp_path), style.Styler())
    assert all((tmp_path / "figures" / f"mig-rounds.{ext}").exists() for ext in ("pdf", "png"))
    with open(result.data_file) as f:
        points = list(csv.DictReader(f))
    for record in records:
        report = record["stats"]["migration"]
        mine = [int(p["pages"]) for p in points if p["key"] == record["key"]]
        assert mine == [r["pages"] for r in report["rounds"]] + [report["last_pages"]]
        assert mine[0] == 4096                                   # round 1: all of RAM
