"""`pyvirt report`: every artefact from a tiny results directory; the generated-files check."""
import json

from pyvirt.cli import main
from pyvirt.report import generated


def test_report_writes_every_artefact(tiny_results, tmp_path, capsys):
    out = tmp_path / "report"
    assert main(["report", str(tiny_results), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Tiny table" in printed and "wrote 2 figures" in printed
    for name in ("tiny-bars", "tiny-where"):
        for ext in ("pdf", "png"):
            path = out / "figures" / f"{name}.{ext}"
            assert path.is_file() and path.stat().st_size > 1000
        assert (out / "data" / f"{name}.csv").is_file()
    tex = (out / "tables" / "tiny-cycles.tex").read_text()
    assert r"\toprule" in tex and r"\midrule" in tex and r"\bottomrule" in tex and "syscall" in tex
    md = (out / "tables" / "tiny-cycles.md").read_text()
    assert "| syscall |" in md and "deterministic" in md and "needs satp exiting" in md
    html = (out / "report.html").read_text()
    assert "figures/tiny-bars.png" in html and "cycles by category" in html and "Manifest" in html
    assert "supervisor" in html                                   # per-run breakdown
    data = (out / "data" / "tiny-bars.csv").read_text()
    assert "syscall" in data and "run_keys" in data               # values traceable to runs
    doc = json.loads((out / "generated.json").read_text())
    assert "figures/tiny-bars.pdf" in doc["files"] and "tiny" in doc["experiments"]


def test_pdf_output_is_reproducible(tiny_results, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    main(["report", str(tiny_results), "--out", str(a), "--quiet"])
    main(["report", str(tiny_results), "--out", str(b), "--quiet"])
    assert (a / "figures" / "tiny-bars.pdf").read_bytes() == (b / "figures" / "tiny-bars.pdf").read_bytes()
    assert (a / "tables" / "tiny-cycles.tex").read_text() == (b / "tables" / "tiny-cycles.tex").read_text()


def test_generated_check_detects_stale_files(tiny_results, tmp_path):
    out = tmp_path / "report"
    main(["report", str(tiny_results), "--out", str(out), "--quiet"])
    doc = json.loads((out / "generated.json").read_text())
    doc["experiments"]["tiny"]["file"] = str(tiny_results / "experiment.toml")
    (out / "generated.json").write_text(json.dumps(doc))
    assert generated.check(out) == []
    (out / "tables" / "tiny-cycles.tex").write_text("edited")
    assert any("changed since" in p for p in generated.check(out))
    doc["experiments"]["tiny"]["run_keys_sha256"] = "0" * 64
    (out / "generated.json").write_text(json.dumps(doc))
    assert any("rerun the experiment" in p for p in generated.check(out))


def test_confidence_intervals_only_where_values_vary():
    from pyvirt.report.data import aggregate, determinism_note
    same = aggregate([5.0, 5.0, 5.0], ["a", "b", "c"])
    assert not same.varies and same.low is None
    assert "bit-identical" in determinism_note([same])
    varied = aggregate([4.0, 5.0, 6.0], ["a", "b", "c"])
    assert varied.varies and varied.low < 5.0 < varied.high
    assert "confidence intervals" in determinism_note([varied])
