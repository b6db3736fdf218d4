"""Building a report: for each results directory, the figures and tables its experiment file
asks for, then one HTML report and `generated.json` — every written file with its sha256 and,
per experiment, the fingerprint of its inputs (the hash of its run keys, which cover the
experiment's parameters, the guest image hashes and the full profile contents), so a check can
tell whether the generated files are current without rerunning anything (generated.py)."""
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import List

import pyvirt
from pyvirt.experiments import spec as spec_mod
from pyvirt.experiments.results import ResultsDir
from pyvirt.report import data as data_mod
from pyvirt.report import figures as figures_mod
from pyvirt.report import html_report
from pyvirt.report import style
from pyvirt.report import tables as tables_mod


@dataclass
class Report:
    out: Path
    files: List[str] = field(default_factory=list)
    tables: list = field(default_factory=list)


def keys_fingerprint(keys) -> str:
    return hashlib.sha256("\n".join(keys).encode()).hexdigest()


def build(directories, out) -> Report:
    out = Path(out)
    for sub in ("figures", "tables", "data"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    report = Report(out=out)
    sections, experiments = [], {}
    styler = style.Styler()
    for directory in directories:
        results = ResultsDir(directory)
        manifest = results.manifest()
        records = results.records(manifest)
        exp = spec_mod.parse(manifest["experiment"]["text"], resolve=False)
        name = manifest["experiment"]["name"]
        frame = data_mod.Frame.from_records(records, name)
        figs = []
        for fig_spec in exp.figures:
            fig = figures_mod.draw(frame, fig_spec, name, out, styler)
            figs.append(fig)
            report.files += fig.files + [fig.data_file]
        tabs = []
        for table_spec in exp.tables:
            table = tables_mod.build(frame, table_spec)
            tabs.append(table)
            base = out / "tables" / f"{name}-{table.name}"
            Path(f"{base}.tex").write_text(tables_mod.to_latex(table))
            Path(f"{base}.md").write_text(tables_mod.to_markdown(table))
            report.files += [f"{base}.tex", f"{base}.md"]
        report.tables += tabs
        sections.append((manifest, records, exp, figs, tabs))
        experiments[name] = {"file": manifest["experiment"]["file"],
                             "run_keys_sha256": keys_fingerprint(r["key"] for r in manifest["runs"]),
                             "status": manifest["status"], "counts": manifest.get("counts", {}),
                             "pyvirt_commit": manifest["pyvirt"].get("git_commit")}
    html_path = out / "report.html"
    html_path.write_text(html_report.render(sections, out))
    report.files.append(str(html_path))
    files = {}
    for f in sorted(set(report.files)):
        rel = Path(f).relative_to(out).as_posix()
        if not rel.endswith(".html"):
            files[rel] = hashlib.sha256(Path(f).read_bytes()).hexdigest()
    previous = _read(out / "generated.json")
    merged = {**previous.get("experiments", {}), **experiments}
    all_files = {**{k: v for k, v in previous.get("files", {}).items() if (out / k).is_file()}, **files}
    (out / "generated.json").write_text(json.dumps({
        "generator": "pyvirt report", "pyvirt_version": pyvirt.__version__,
        "experiments": dict(sorted(merged.items())), "files": dict(sorted(all_files.items())),
    }, indent=1, sort_keys=True) + "\n")
    return report


def _read(path):
    try:
        return json.loads(Path(path).read_text())
    except (OSError, ValueError):
        return {}
