"""Figures, as an experiment file's [[figure]] sections ask for them (docs/experiments.md):

    kind = "bars"        grouped bars: x categories, one bar per hue value, one panel per panel
                         value; `log = true` for a log scale (as [AA06] figure 4); `relative_to =
                         { variant = "native" }` divides by the baseline (Xen-style, native = 1)
    kind = "lines"       a numeric x axis (a swept parameter, e.g. "events.vm_exit"); a series
                         that was not swept (a run without that axis) is drawn as a dashed level
    kind = "breakdown"   one stacked bar per run: its simulated cycles by category
    kind = "rounds"      live migration: pages sent per pre-copy round, one line per run (rounds.py)

Each figure is written as PDF and PNG, with its plotted values (and the keys of the runs behind
every value) as CSV, so every number in a figure is traceable to runs in the results directory.
"""
import csv
from dataclasses import dataclass, field
from typing import List, Optional

from pyvirt.report import data as data_mod
from pyvirt.report import style
from pyvirt.report.data import ordered

CATEGORY_ORDER = ["user", "supervisor", "machine", "trap_entry", "page_walk", "device", "firmware", "idle"]


@dataclass
class FigureResult:
    name: str
    title: str
    caption: str
    note: str
    missing: List[str]
    files: List[str] = field(default_factory=list)
    data_file: Optional[str] = None


def pretty(fieldname: str) -> str:
    return {"variant": "mode", "workload": "workload", "profile": "cost profile", "bench": "benchmark",
            "events.vm_exit": "VM-exit latency (cycles)", "arg.pages": "working set (4 KiB pages)",
            "config.tlb_entries": "TLB entries", "model.hypervisor": "hypervisor type"}.get(fieldname, fieldname)


def missing_notes(frame, fields) -> List[str]:
    """One line per reason a run has no result: 'skipped: trap (14 runs): mode 'trap' is not
    implemented yet'. Runs are named by their variant."""
    series = "variant"
    by_reason = {}
    for m in frame.missing:
        by_reason.setdefault((m["status"], m["reason"]), []).append(str(m.get(series)))
    out = []
    for (status, reason), names in by_reason.items():
        out.append(f"{status}: {', '.join(ordered(names))} ({len(names)} run{'s' if len(names) > 1 else ''}): {reason}")
    return out


def draw(frame, spec: dict, prefix: str, out_dir, styler: style.Styler) -> FigureResult:
    kind = spec.get("kind", "bars")
    sel = frame.select(spec.get("where"))
    title = spec.get("title", spec["name"])
    if kind == "bars":
        result = _bars(sel, frame, spec, prefix, out_dir, styler)
    elif kind == "lines":
        result = _lines(sel, frame, spec, prefix, out_dir, styler)
    elif kind == "breakdown":
        result = _breakdown(sel, spec, prefix, out_dir)
    elif kind == "rounds":
        from pyvirt.report import rounds           # it builds on this module
        result = rounds.draw(sel, spec, prefix, out_dir, styler)
    else:
        raise ValueError(f"figure {spec['name']}: unknown kind '{kind}' (bars, lines, breakdown, rounds)")
    result.title = title
    result.caption = spec.get("caption", "")
    return result


def _compared(rows, relative):
    """The rows a relative figure shows: all but the baseline's own (it is the line at 1)."""
    if not relative:
        return rows
    return [r for r in rows if not all(r.get(k) == v for k, v in relative.items())]


def _panel_title(panel, value):
    return f"{pretty(panel)}: {'n/a' if value is None else value}"


def _fields(spec, default_x="workload"):
    x = spec.get("x", default_x)
    hue = spec.get("hue", "variant")
    panel = spec.get("panel")
    return x, hue, panel


def _write_data(path, header, rows):
    with open(path, "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _point_rows(points, fields):
    rows = []
    for key, p in points.items():
        rows.append(list(key) + [repr(p.mean), "" if p.low is None else repr(p.low),
                                 "" if p.high is None else repr(p.high), p.n, " ".join(p.keys)])
    return rows


def _bars(sel, frame, spec, prefix, out_dir, styler):
    x, hue, panel = _fields(spec)
    metric = spec.get("metric", "per_iter")
    relative, kind = spec.get("relative_to"), spec.get("relative", "speed")
    every = _compared(sel.rows + sel.missing, relative)
    xs = ordered(r.get(x) for r in every)
    hues = ordered(r.get(hue) for r in every)
    panels = ordered(r.get(panel) for r in every) if panel else [None]
    if relative:                       # the baseline is the reference line, not a bar
        hues = [h for h in hues if not (hue in relative and h == relative[hue])]
    fields = [panel, x, hue] if panel else [x, hue]
    points = data_mod.group(sel.rows, fields, metric, relative, kind, all_rows=frame.rows)
    fig, axes = style.figure(max(1, len(panels)))
    present = {k[-1] for k in points}
    width = 0.8 / max(1, len(hues))
    with style.context():
        for ax, pv in zip(axes, panels):
            drawn = False
            for j, h in enumerate(hues):
                xs_idx, heights, errs, has_err = [], [], [[], []], False
                for i, xv in enumerate(xs):
                    p = points.get((pv, xv, h) if panel else (xv, h))
                    if p is None:
                        continue
                    xs_idx.append(i + (j - (len(hues) - 1) / 2) * width)
                    heights.append(p.mean)
                    lo = p.mean - p.low if p.low is not None else 0.0
                    hi = p.high - p.mean if p.high is not None else 0.0
                    errs[0].append(lo)
                    errs[1].append(hi)
                    has_err = has_err or p.varies
                if not heights:
                    continue
                drawn = True
                ax.bar(xs_idx, heights, width=width, color=styler.colour(h), hatch=styler.hatch(h),
                       edgecolor="black", yerr=errs if has_err else None, capsize=1.5,
                       error_kw={"elinewidth": 0.6})
            ax.set_xticks(range(len(xs)))
            ax.set_xticklabels([str(v) for v in xs], rotation=30 if len(xs) > 4 else 0,
                               ha="right" if len(xs) > 4 else "center")
            ax.set_xlim(-0.5, len(xs) - 0.5)
            if not drawn:
                _no_data(ax)
            if spec.get("log") and drawn:
                ax.set_yscale("log")
            if relative:
                ax.axhline(1.0, color="black", linewidth=0.6, linestyle="--")
            ax.set_ylabel(spec.get("ylabel") or data_mod.metric_label(metric, relative, kind))
            if panel:
                ax.set_title(_panel_title(panel, pv))
            ax.grid(axis="y")
            ax.set_axisbelow(True)
        axes[-1].set_xlabel(pretty(x))
    rows = style.legend(fig, [style.patch(styler, h, h in present) for h in hues],
                        [str(h) if h in present else f"{h} (not run)" for h in hues])
    return _finish(fig, spec, prefix, out_dir, points, fields, sel, [hue, x] + ([panel] if panel else []), rows)


def _lines(sel, frame, spec, prefix, out_dir, styler):
    x, hue, panel = _fields(spec, default_x=None)
    if not x:
        raise ValueError(f"figure {spec['name']}: kind lines needs x = a numeric axis")
    metric = spec.get("metric", "per_iter")
    relative, kind = spec.get("relative_to"), spec.get("relative", "speed")
    every = _compared(sel.rows + sel.missing, relative)
    hues = ordered(r.get(hue) for r in every)
    if relative:                       # the baseline is the reference line at 1, not a series
        hues = [h for h in hues if not (hue in relative and h == relative[hue])]
    panels = ordered(r.get(panel) for r in every) if panel else [None]
    fields = [panel, hue, x] if panel else [hue, x]
    points = data_mod.group(sel.rows, fields, metric, relative, kind, all_rows=frame.rows)
    points = {k: p for k, p in points.items() if k[-2] in hues}
    xs_all = sorted({r.get(x) for r in every if isinstance(r.get(x), (int, float))})
    present = {k[-2] for k in points}
    fig, axes = style.figure(max(1, len(panels)))
    handles = {}
    with style.context():
        for ax, pv in zip(axes, panels):
            for h in hues:
                label = str(h) if h in present else f"{h} (not run)"
                series = sorted((k[-1], p) for k, p in points.items()
                                if k[-2] == h and (not panel or k[0] == pv) and k[-1] is not None)
                flat = points.get((pv, h, None) if panel else (h, None))
                if series:
                    xv = [s[0] for s in series]
                    yv = [s[1].mean for s in series]
                    handles.setdefault(label, ax.plot(xv, yv, marker=styler.marker(h), color=styler.colour(h))[0])
                    if any(s[1].varies for s in series):
                        ax.fill_between(xv, [s[1].low if s[1].low is not None else s[1].mean for s in series],
                                        [s[1].high if s[1].high is not None else s[1].mean for s in series],
                                        color=styler.colour(h), alpha=0.2, linewidth=0)
                elif flat is not None:
                    handles.setdefault(f"{h} (not swept)",
                                       ax.axhline(flat.mean, color=styler.colour(h), linestyle="--"))
                else:
                    handles.setdefault(label, ax.plot([], [], marker=styler.marker(h), color=styler.colour(h),
                                                      linestyle=":", markerfacecolor="white")[0])
            if not any(k[-2] in present and (not panel or k[0] == pv) for k in points):
                _no_data(ax)
            elif spec.get("log"):
                ax.set_yscale("log")
            if spec.get("xlog"):
                ax.set_xscale("log", base=2)
            if relative:
                ax.axhline(1.0, color="black", linewidth=0.6, linestyle=":")
            if xs_all:
                ax.set_xlim(min(xs_all), max(xs_all))
            ax.set_ylabel(spec.get("ylabel") or data_mod.metric_label(metric, relative, kind))
            if panel:
                ax.set_title(_panel_title(panel, pv))
            ax.grid()
        axes[-1].set_xlabel(pretty(x))
    rows = style.legend(fig, list(handles.values()), list(handles))
    return _finish(fig, spec, prefix, out_dir, points, fields, sel, [hue] + ([panel] if panel else []), rows)


def _no_data(ax):
    ax.text(0.5, 0.5, "no results yet: see the legend", transform=ax.transAxes, ha="center", va="center",
            color="#777777")


def _breakdown(sel, spec, prefix, out_dir):
    xf = spec.get("x", "workload")
    xfields = xf if isinstance(xf, list) else [xf]
    panel = spec.get("panel")
    normalize = spec.get("normalize", False)
    runs = {}
    for row in sel.rows:
        runs.setdefault(row["key"], row)
    panels = ordered(r.get(panel) for r in runs.values()) if panel else [None]
    categories = []
    for row in runs.values():
        for c, v in row["record"]["stats"]["cycles"]["by_category"].items():
            if v and c not in categories:
                categories.append(c)
    categories.sort(key=lambda c: CATEGORY_ORDER.index(c) if c in CATEGORY_ORDER else len(CATEGORY_ORDER))
    styler = style.Styler()
    fig, axes = style.figure(max(1, len(panels)))
    table_rows = []
    with style.context():
        for ax, pv in zip(axes, panels):
            members = [r for r in runs.values() if not panel or r.get(panel) == pv]
            labels = ["\n".join(str(r.get(f)) for f in xfields) for r in members]
            bottoms = [0.0] * len(members)
            for c in categories:
                vals = []
                for r in members:
                    by = r["record"]["stats"]["cycles"]["by_category"]
                    total = r["record"]["stats"]["cycles"]["total"] or 1
                    vals.append(by.get(c, 0) / total * 100 if normalize else by.get(c, 0) / 1e6)
                ax.bar(range(len(members)), vals, bottom=bottoms, color=styler.colour(c), hatch=styler.hatch(c),
                       edgecolor="black")
                bottoms = [b + v for b, v in zip(bottoms, vals)]
            for r in members:
                by = r["record"]["stats"]["cycles"]["by_category"]
                table_rows.append([pv, *(r.get(f) for f in xfields), r["key"]] + [by.get(c, 0) for c in categories])
            ax.set_xticks(range(len(members)))
            ax.set_xticklabels(labels, rotation=30 if len(members) > 4 else 0,
                               ha="right" if len(members) > 4 else "center")
            ax.set_ylabel(spec.get("ylabel") or ("share of cycles (%)" if normalize else "simulated cycles (millions)"))
            if panel:
                ax.set_title(_panel_title(panel, pv))
            ax.grid(axis="y")
            ax.set_axisbelow(True)
    rows = style.legend(fig, [style.patch(styler, c) for c in categories], categories, ncol=4)
    base = f"{out_dir}/figures/{prefix}-{spec['name']}"
    files = style.save(fig, base, rows)
    data_file = f"{out_dir}/data/{prefix}-{spec['name']}.csv"
    _write_data(data_file, [panel or "panel", *xfields, "key"] + categories, table_rows)
    note = ("Cycles of the whole run (boot included) by category; simulated time is deterministic, so a single "
            "run per bar is exact.")
    return FigureResult(spec["name"], "", "", note, missing_notes(sel, ["variant", "workload", "profile"]),
                        files, data_file)


def _finish(fig, spec, prefix, out_dir, points, fields, sel, missing_fields, legend_rows=0):
    base = f"{out_dir}/figures/{prefix}-{spec['name']}"
    files = style.save(fig, base, legend_rows)
    data_file = f"{out_dir}/data/{prefix}-{spec['name']}.csv"
    _write_data(data_file, [f or "" for f in fields] + ["mean", "ci_low", "ci_high", "n", "run_keys"],
                _point_rows(points, fields))
    note = data_mod.determinism_note(list(points.values()), spec.get("metric", "per_iter"))
    return FigureResult(spec["name"], "", "", note, missing_notes(sel, missing_fields), files, data_file)
