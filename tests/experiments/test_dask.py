"""The Dask executor (a LocalCluster on the loopback interface) gives the same results as the
local one. Needs the optional 'cluster' extra: pip install -e '.[cluster]'."""
import pytest

from pyvirt.experiments import runner
from pyvirt.experiments.execute import simulated
from pyvirt.experiments.results import ResultsDir

pytest.importorskip("distributed", reason="dask[distributed] is not installed (pip install -e '.[cluster]')")


def test_dask_local_cluster_matches_local(tiny, tiny_results, tmp_path):
    outcome = runner.run_experiment(tiny, tmp_path / "dask", jobs=1, executor="dask", progress=False)
    assert outcome.status == "complete" and outcome.executed == 4
    a = {r["key"]: simulated(r) for r in ResultsDir(tmp_path / "dask").records()}
    b = {r["key"]: simulated(r) for r in ResultsDir(tiny_results).records()}
    assert a == b
    assert ResultsDir(tmp_path / "dask").manifest()["host"]["executor"] == "dask"
