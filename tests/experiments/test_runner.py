"""The runner: records and manifest, skipped modes, the local process pool, interruption and
resume (finished runs kept, results identical to an uninterrupted run)."""
import csv
import json

import pytest

from pyvirt.experiments import runner, spec
from pyvirt.experiments.execute import simulated
from pyvirt.experiments.results import ResultsDir


def _simulated(out):
    results = ResultsDir(out)
    return {r["key"]: simulated(r) for r in results.records()}


def test_run_writes_records_manifest_and_summary(tiny_results, tiny):
    results = ResultsDir(tiny_results)
    manifest = results.manifest()
    assert manifest["status"] == "complete"
    assert manifest["counts"] == {"total": 4, "ok": 2, "failed": 0, "skipped": 2, "error": 0, "not run": 0}
    assert [r["key"] for r in manifest["runs"]] == [s.key for s in tiny.runs()]
    assert manifest["experiment"]["text"] == (tiny_results.parent / "tiny.toml").read_text()
    assert set(manifest["guests"]) == {"guests/prebuilt/kernel-native.elf", "guests/prebuilt/hello.elf"}
    assert all(len(h) == 64 for h in manifest["guests"].values())
    assert manifest["profiles"]["unit"]["sources"]["cpi.alu"].startswith("estimate:")
    assert manifest["packages"]["numpy"] and manifest["python"]["version"]
    assert {"hostname", "cpu", "started", "finished", "wall_seconds"} <= set(manifest["host"])
    records = results.records()
    syscall = records[0]
    assert syscall["status"] == "ok" and syscall["exit_status"] == 0
    assert syscall["bench"][0]["name"] == "syscall" and syscall["bench"][0]["iters"] == 100
    assert syscall["stats"]["kernel"] == "guests/prebuilt/kernel-native.elf"
    assert syscall["stats"]["profile"]["name"] == "unit"
    assert "seconds" in syscall["host"] and "host" not in simulated(syscall)
    rows = list(csv.DictReader(open(tiny_results / "summary.csv")))
    assert [r["workload"] for r in rows] == ["syscall", "hello", "syscall", "hello"]
    assert rows[0]["bench"] == "syscall" and rows[0]["iters"] == "100"


def test_rejected_configurations_are_skipped_with_the_reason(tiny_results):
    skipped = [r for r in ResultsDir(tiny_results).records() if r["status"] == "skipped"]
    assert [r["params"]["variant"] for r in skipped] == ["hvm-shadow", "hvm-shadow"]
    assert all("--mmu shadow needs satp exiting" in r["reason"] for r in skipped)


def test_unknown_mode_option_is_a_skip_not_a_crash(tmp_path):
    from tests.experiments.conftest import TINY
    text = TINY.replace('[[variant]]\nname = "native"', '[[variant]]\nname = "native"\nconfig = { frobnicate = 1 }')
    exp = spec.parse(text)
    outcome = runner.run_experiment(exp, tmp_path / "r", progress=False)
    native = [r for r in outcome.records if r["params"]["variant"] == "native"]
    assert {r["status"] for r in native} == {"skipped"}
    assert "frobnicate" in native[0]["reason"]


def test_process_pool_matches_in_process(tiny_results, tiny, tmp_path):
    outcome = runner.run_experiment(tiny, tmp_path / "pool", jobs=2, progress=False)
    assert outcome.executed == 4
    assert _simulated(tmp_path / "pool") == _simulated(tiny_results)


def test_interrupt_and_resume(tiny, tiny_results, tmp_path):
    out = tmp_path / "r"
    seen = []

    def stop_after_two(record):
        seen.append(record["key"])
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        runner.run_experiment(tiny, out, progress=False, on_record=stop_after_two)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["status"] == "interrupted" and manifest["counts"]["not run"] == 2
    assert sorted(p.stem for p in (out / "runs").glob("*.json")) == sorted(seen)
    outcome = runner.run_experiment(tiny, out, progress=False)
    assert outcome.status == "complete"
    # finished (ok) runs are kept; the skipped one is retried, with the two never run
    kept = [k for k in seen if ResultsDir(out).read_record(k)["status"] == "ok"]
    assert outcome.reused == len(kept) and outcome.executed == 4 - len(kept)
    assert _simulated(out) == _simulated(tiny_results)


def test_cli_experiment_run(tiny_file, tmp_path, capsys):
    from pyvirt.cli import main
    out = tmp_path / "cli"
    assert main(["experiment", "run", str(tiny_file), "--out", str(out), "--jobs", "1", "--no-progress"]) == 0
    text = capsys.readouterr().out
    assert "Tiny table" in text and "tiny: 4 runs" in text and "skipped 2: --hvm: satp=off: --mmu shadow needs satp exiting" in text
    assert main(["experiment", "run", str(tiny_file), "--out", str(out), "--jobs", "1", "--no-progress",
                 "--quiet"]) == 0
    assert "(2 executed, 2 reused)" in capsys.readouterr().out      # skipped runs are retried


def test_cli_experiment_errors(tmp_path, capsys):
    from pyvirt.cli import main
    bad = tmp_path / "bad.toml"
    bad.write_text("[experiment]\nname = 'x'\n")
    assert main(["experiment", "run", str(bad), "--out", str(tmp_path / "o")]) == 2
    assert "workload" in capsys.readouterr().err
