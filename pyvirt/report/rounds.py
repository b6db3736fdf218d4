"""The pre-copy figure of Clark et al. (NSDI 2005): the pages each round of a live migration
sent, one line per run (kind = "rounds"; docs/experiments.md). x is the round (1 = all of RAM),
the last point of a line its stop-and-copy; hue names the runs' distinguishing field, panel
splits them. Runs whose guest stopped before it could be migrated have no line."""
from pyvirt.report import style
from pyvirt.report.data import ordered
from pyvirt.report.figures import FigureResult, _panel_title, _write_data, missing_notes, pretty


def draw(sel, spec, prefix, out_dir, styler) -> FigureResult:
    """Draw the figure spec over the selected runs; its files and the CSV of every point."""
    hue, panel = spec.get("hue", "variant"), spec.get("panel")
    runs = {}
    for row in sel.rows:
        if row["record"]["stats"].get("migration"):
            runs.setdefault(row["key"], row)
    panels = ordered(r.get(panel) for r in runs.values()) if panel else [None]
    fig, axes = style.figure(max(1, len(panels)))
    handles, points = {}, []
    with style.context():
        for ax, pv in zip(axes, panels):
            members = sorted((r for r in runs.values() if not panel or r.get(panel) == pv),
                             key=lambda r: (str(type(r.get(hue))), r.get(hue)))
            for r in members:
                pages = per_round(r["record"]["stats"]["migration"])
                h = r.get(hue)
                line = ax.plot(range(1, len(pages) + 1), pages, marker=styler.marker(h), color=styler.colour(h))[0]
                handles.setdefault(str(h), line)
                points += [[pv, h, r["key"], n, p] for n, p in enumerate(pages, 1)]
            if members:
                ax.set_yscale("log")
            ax.set_xlabel("pre-copy round (last: stop-and-copy)")
            ax.set_ylabel(spec.get("ylabel") or "pages sent (4 KiB)")
            if panel:
                ax.set_title(_panel_title(panel, pv))
            ax.grid()
    rows = style.legend(fig, list(handles.values()), [f"{pretty(hue)}: {h}" for h in handles], ncol=2)
    base = f"{out_dir}/figures/{prefix}-{spec['name']}"
    files = style.save(fig, base, rows)
    data_file = f"{out_dir}/data/{prefix}-{spec['name']}.csv"
    _write_data(data_file, [panel or "panel", hue, "key", "round", "pages"], points)
    note = "Pages per round of one run each: simulated migration is deterministic, so every point is exact."
    return FigureResult(spec["name"], "", "", note, missing_notes(sel, [hue]), files, data_file)


def per_round(migration: dict) -> list:
    """The pages sent by each pre-copy round of a migration report, then by its stop-and-copy."""
    return [r["pages"] for r in migration["rounds"]] + [migration["last_pages"]]
