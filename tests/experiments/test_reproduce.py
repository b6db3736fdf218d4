"""`pyvirt reproduce`: identical reruns pass; a changed statistic is reported run by run."""
import json
import shutil

from pyvirt.cli import main


def test_reproduce_identical(tiny_results, tmp_path, capsys):
    copy = tmp_path / "copy"
    shutil.copytree(tiny_results, copy)
    assert main(["reproduce", str(copy), "--jobs", "1", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert out.count("identical  ") == 4 and "bit-identical: 4 of 4 runs identical" in out


def test_reproduce_detects_a_changed_statistic(tiny_results, tmp_path, capsys):
    copy = tmp_path / "copy"
    shutil.copytree(tiny_results, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    key = manifest["runs"][0]["key"]
    path = copy / "runs" / f"{key}.json"
    record = json.loads(path.read_text())
    record["stats"]["tlb"]["misses"] += 1
    path.write_text(json.dumps(record))
    assert main(["reproduce", str(copy), "--jobs", "1", "--no-progress"]) == 1
    out = capsys.readouterr().out
    assert f"DIFFERENT  {key}" in out
    assert "stats.tlb.misses" in out and "DIFFERENT: 3 of 4 runs identical" in out


def test_reproduce_detects_a_tampered_parameter(tiny_results, tmp_path, capsys):
    copy = tmp_path / "copy"
    shutil.copytree(tiny_results, copy)
    key = json.loads((copy / "manifest.json").read_text())["runs"][0]["key"]
    path = copy / "runs" / f"{key}.json"
    record = json.loads(path.read_text())
    record["params"]["run"] = "syscall 200"
    path.write_text(json.dumps(record))
    assert main(["reproduce", str(copy), "--jobs", "1", "--no-progress"]) == 1
    assert "do not hash to the run's key" in capsys.readouterr().out
