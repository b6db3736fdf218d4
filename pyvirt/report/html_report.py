"""The HTML report: per experiment its manifest summary, figures (PNG, with links to the PDF and
the plotted data), tables, and every run with its cycles broken down by category."""
import html
import json

from pyvirt.report import tables as tables_mod
from pyvirt.report.figures import CATEGORY_ORDER
from pyvirt.report.style import PALETTE

CSS = """
body { font-family: sans-serif; max-width: 70em; margin: 2em auto; color: #222; line-height: 1.4; }
h1, h2, h3 { font-weight: 600; } h2 { border-bottom: 1px solid #ccc; margin-top: 2.5em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.85em; }
th, td { padding: 0.2em 0.6em; border-bottom: 1px solid #e4e4e4; text-align: right; }
th:first-child, td.l { text-align: left; } thead th { border-bottom: 2px solid #888; }
table.kv th { text-align: left; vertical-align: top; } table.kv td { text-align: left; }
figure { margin: 1em 0 2em; } figure img { width: 34em; max-width: 100%; border: 1px solid #eee; }
figcaption { font-size: 0.85em; max-width: 45em; } .notes { font-size: 0.85em; color: #444; }
.bar { display: flex; width: 16em; height: 0.9em; border: 1px solid #999; }
.bar span { display: block; height: 100%; } .skipped { color: #888; } .failed, .error { color: #b00; }
pre { background: #f6f6f6; padding: 0.8em; overflow-x: auto; font-size: 0.8em; }
.legend span { display: inline-block; width: 0.9em; height: 0.9em; margin: 0 0.3em 0 1em; vertical-align: middle; }
"""


def _e(x) -> str:
    return html.escape(str(x))


def _kv(pairs) -> str:
    return "<table class='kv'>" + "".join(f"<tr><th>{_e(k)}</th><td>{v}</td></tr>" for k, v in pairs) + "</table>"


def _manifest_summary(m) -> str:
    c = m.get("counts", {})
    py = m["pyvirt"]
    commit = (py.get("git_commit") or "unknown")[:12] + (" (uncommitted changes)" if py.get("git_dirty") else "")
    host = m.get("host", {})
    profiles = ", ".join(f"<b>{_e(n)}</b> ({_e(d['clock_hz'] / 1e9)} GHz, {_e(d['model']['hypervisor'])})"
                         for n, d in m["profiles"].items())
    guests = "<br>".join(f"{_e(g)} <code>{_e(h)}</code>" for g, h in m["guests"].items())
    packages = ", ".join(f"{_e(k)} {_e(v)}" for k, v in m["packages"].items() if v)
    return _kv([
        ("status", _e(m["status"])),
        ("runs", _e(", ".join(f"{k} {v}" for k, v in c.items()))),
        ("experiment file", f"{_e(m['experiment']['file'])} <code>{_e(m['experiment']['sha256'][:16])}</code>"),
        ("pyvirt", f"{_e(py['version'])}, commit {_e(commit)}"),
        ("Python", _e(f"{m['python']['implementation']} {m['python']['version']}")),
        ("packages", packages),
        ("guest images (sha256)", guests),
        ("profiles", profiles),
        ("host (not part of the results)", _e(f"{host.get('cpu')} ({host.get('cpus')} CPUs), {host.get('platform')}; "
                                              f"executor {host.get('executor')} x{host.get('jobs')}; "
                                              f"{host.get('started')} .. {host.get('finished')}, "
                                              f"{host.get('wall_seconds')} s")),
    ])


def _breakdown_rows(manifest, records) -> str:
    by_key = {r["key"]: r for r in records}
    colours = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(CATEGORY_ORDER)}
    legend = "<p class='legend'>" + "".join(f"<span style='background:{colours[c]}'></span>{_e(c)}"
                                            for c in CATEGORY_ORDER) + "</p>"
    out = [legend, "<table><thead><tr><th>run</th><th>mode</th><th>workload</th><th>profile</th><th>axes</th>"
           "<th>status</th><th>instructions</th><th>cycles</th><th>cycles by category</th><th>BENCH per_iter</th>"
           "</tr></thead><tbody>"]
    for run in manifest["runs"]:
        rec = by_key.get(run["key"])
        status = rec["status"] if rec else "not run"
        axes = " ".join(f"{k}={v}" for k, v in run["axes"].items())
        cells = [f"<td class='l'><code>{_e(run['key'])}</code></td>", f"<td class='l'>{_e(run['variant'])}</td>",
                 f"<td class='l'>{_e(run['workload'])}</td>", f"<td class='l'>{_e(run['profile'])}</td>",
                 f"<td class='l'>{_e(axes)}</td>", f"<td class='l {status}'>{_e(status)}</td>"]
        if rec and rec.get("stats"):
            st = rec["stats"]
            total = st["cycles"]["total"] or 1
            by = st["cycles"]["by_category"]
            spans = "".join(f"<span style='width:{100 * v / total:.2f}%;background:{colours.get(c, '#999')}' "
                            f"title='{_e(c)}: {v:,} ({100 * v / total:.1f}%)'></span>" for c, v in by.items() if v)
            detail = ", ".join(f"{c} {100 * v / total:.1f}%" for c, v in by.items() if v)
            bench = "; ".join(f"{b['name']} {b['cycles'] / b['iters']:,.2f}" for b in rec["bench"]
                              if b.get("iters"))
            cells += [f"<td>{st['instructions']['total']:,}</td>", f"<td>{st['cycles']['total']:,}</td>",
                      f"<td class='l'><div class='bar' title='{_e(detail)}'>{spans}</div>"
                      f"<small>{_e(detail)}</small></td>", f"<td class='l'>{_e(bench)}</td>"]
        else:
            reason = rec["reason"] if rec else "no record (interrupted?)"
            cells += [f"<td class='l skipped' colspan='4'>{_e(reason)}</td>"]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def render(sections, out_dir) -> str:
    """sections: [(manifest, records, experiment, [FigureResult], [Table])]"""
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>pyvirt report</title>",
             f"<style>{CSS}</style></head><body>", "<h1>pyvirt report</h1>",
             "<p>Simulated results: every number is a deterministic function of the guest images, the cost "
             "profiles and the experiment (see each manifest); only the host lines vary between machines. "
             "Figures link their PDF and the CSV of plotted values with the keys of the runs behind each value "
             "(runs/KEY.json in the results directory).</p><ul>"]
    parts += [f"<li><a href='#{_e(m['experiment']['name'])}'>{_e(exp.title)}</a></li>" for m, _, exp, _, _ in sections]
    parts.append("</ul>")
    for manifest, records, exp, figs, tabs in sections:
        name = manifest["experiment"]["name"]
        parts.append(f"<h2 id='{_e(name)}'>{_e(exp.title)}</h2>")
        if exp.description:
            parts.append(f"<p>{_e(exp.description)}</p>")
        parts.append("<h3>Manifest</h3>" + _manifest_summary(manifest))
        for fig in figs:
            png = [f for f in fig.files if f.endswith(".png")][0]
            pdf = [f for f in fig.files if f.endswith(".pdf")][0]
            rel = lambda p: p[len(str(out_dir)) + 1:]  # noqa: E731
            missing = "".join(f"<li>{_e(m)}</li>" for m in fig.missing)
            parts.append(f"<figure><img src='{_e(rel(png))}' alt='{_e(fig.title)}'><figcaption><b>{_e(fig.title)}.</b> "
                         f"{_e(fig.caption)} {_e(fig.note)} <a href='{_e(rel(pdf))}'>PDF</a> · "
                         f"<a href='{_e(rel(fig.data_file))}'>data (CSV)</a>"
                         + (f"<ul class='notes'>{missing}</ul>" if missing else "") + "</figcaption></figure>")
        for tab in tabs:
            parts.append(f"<h3>{_e(tab.title)}</h3>")
            if tab.caption:
                parts.append(f"<p>{_e(tab.caption)}</p>")
            parts.append(tables_mod.to_html(tab))
        parts.append("<h3>Runs: cycles by category</h3>")
        parts.append(_breakdown_rows(manifest, records))
        parts.append("<details><summary>Experiment file</summary><pre>" + _e(manifest["experiment"]["text"]) +
                     "</pre></details>")
        parts.append("<details><summary>Full manifest (JSON)</summary><pre>" +
                     _e(json.dumps({k: v for k, v in manifest.items() if k != "experiment"}, indent=1)) +
                     "</pre></details>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
