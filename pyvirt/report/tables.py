"""Tables, as an experiment file's [[table]] sections ask for them: `rows` and `columns` name
fields (one or two column levels), `metric` the value, `where` filters, `relative_to` divides by a
baseline. Rendered as plain text (terminal), Markdown, LaTeX (booktabs) and HTML. A cell whose
runs did not succeed shows a dash; the notes under the table say why and whether values vary."""
import html
from dataclasses import dataclass, field
from typing import List, Optional

from pyvirt.report import data as data_mod

DASH = "—"


@dataclass
class Table:
    name: str
    title: str
    caption: str
    row_fields: List[str]
    col_fields: List[str]
    col_keys: List[tuple]
    rows: List[tuple]                       # (row key tuple, [cell text])
    notes: List[str] = field(default_factory=list)
    unit: str = ""


def _as_list(value, default):
    if value is None:
        return list(default)
    return list(value) if isinstance(value, list) else [value]


def _nested_order(keys):
    """Distinct keys grouped by their first level, each level in order of first appearance."""
    if not keys:
        return []
    levels = [data_mod.ordered(k[i] for k in keys) for i in range(len(keys[0]))]
    rank = [{v: j for j, v in enumerate(level)} for level in levels]
    return sorted(data_mod.ordered(keys), key=lambda k: tuple(rank[i][v] for i, v in enumerate(k)))


def fmt(value: float, digits: Optional[int], relative: bool) -> str:
    if digits is None:
        if relative:
            digits = 2
        elif abs(value) >= 100:
            digits = 0
        elif abs(value) >= 10:
            digits = 1
        else:
            digits = 2
    return f"{value:,.{digits}f}"


def build(frame, spec: dict) -> Table:
    sel = frame.select(spec.get("where"))
    row_fields = _as_list(spec.get("rows"), ["workload"])
    col_fields = _as_list(spec.get("columns"), ["variant"])
    metric = spec.get("metric", "per_iter")
    relative, kind = spec.get("relative_to"), spec.get("relative", "speed")
    every = sel.rows + sel.missing
    row_keys = data_mod.ordered(tuple(r.get(f) for f in row_fields) for r in every)
    col_keys = _nested_order([tuple(r.get(f) for f in col_fields) for r in every])
    shared = [f for f in relative or {} if f in col_fields]
    if shared:                     # the baseline's own column would be all ones
        col_keys = [c for c in col_keys if not all(c[col_fields.index(f)] == relative[f] for f in shared)]
    points = data_mod.group(sel.rows, row_fields + col_fields, metric, relative, kind, all_rows=frame.rows)
    if all(r == (None,) for r in row_keys):
        row_keys = [(None,)]
    rows = []
    for rk in row_keys:
        cells = []
        for ck in col_keys:
            p = points.get(rk + ck)
            if p is None:
                cells.append(DASH)
            elif p.varies and p.low is not None:
                cells.append(f"{fmt(p.mean, spec.get('digits'), bool(relative))} ± "
                             f"{fmt((p.high - p.low) / 2, spec.get('digits'), bool(relative))}")
            else:
                cells.append(fmt(p.mean, spec.get("digits"), bool(relative)))
        rows.append((rk, cells))
    notes = [f"Values: {data_mod.metric_label(metric, relative, kind)} ({data_mod.METRICS[metric][1]}).",
             data_mod.determinism_note(list(points.values()), metric)]
    from pyvirt.report.figures import missing_notes
    skipped = missing_notes(sel, col_fields + row_fields)
    if skipped:
        notes.append(f"{DASH}: no result. " + " ".join(s + "." for s in skipped))
    return Table(name=spec["name"], title=spec.get("title", spec["name"]), caption=spec.get("caption", ""),
                 row_fields=row_fields, col_fields=col_fields, col_keys=col_keys, rows=rows, notes=notes,
                 unit=data_mod.metric_label(metric, relative, kind))


def _col_label(key) -> str:
    return " / ".join(str(v) for v in key)


def _row_label(key) -> str:
    return " / ".join(str(v) for v in key if v is not None)


def _header(t: Table) -> List[str]:
    from pyvirt.report.figures import pretty
    return [" / ".join(pretty(f) for f in t.row_fields)] + [_col_label(c) for c in t.col_keys]


def to_text(t: Table) -> str:
    header = _header(t)
    body = [[_row_label(rk)] + cells for rk, cells in t.rows]
    widths = [max(len(str(r[i])) for r in [header] + body) for i in range(len(header))]
    line = lambda cells: "  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i])  # noqa: E731
                                   for i, c in enumerate(cells))
    out = [t.title, line(header), "  ".join("-" * w for w in widths)] + [line(r) for r in body]
    return "\n".join(out + [f"  {n}" for n in t.notes])


def to_markdown(t: Table) -> str:
    header = _header(t)
    out = [f"**{t.title}**", "", "| " + " | ".join(header) + " |",
           "|" + "|".join([":---"] + ["---:"] * (len(header) - 1)) + "|"]
    out += ["| " + " | ".join([_row_label(rk)] + cells) + " |" for rk, cells in t.rows]
    out += [""] + [f"- {n}" for n in t.notes]
    return "\n".join(out) + "\n"


_LATEX = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
          "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "—": "---",
          "±": r"$\pm$"}


def latex_escape(text) -> str:
    return "".join(_LATEX.get(ch, ch) for ch in str(text))


def to_latex(t: Table) -> str:
    """A booktabs tabular (no float: the paper wraps it in its own table environment)."""
    from pyvirt.report.figures import pretty
    n = len(t.col_keys)
    out = [f"% Generated by `pyvirt report` from a results directory: {latex_escape(t.title)}. Do not edit.",
           r"\begin{tabular}{l" + "r" * n + "}", r"\toprule"]
    stub = latex_escape(" / ".join(pretty(f) for f in t.row_fields))
    if len(t.col_fields) == 2 and n:
        groups = []
        for key in t.col_keys:
            if groups and groups[-1][0] == key[0]:
                groups[-1][1] += 1
            else:
                groups.append([key[0], 1])
        top, rules, col = [""], [], 2
        for name, span in groups:
            top.append(rf"\multicolumn{{{span}}}{{c}}{{{latex_escape(name)}}}")
            rules.append(rf"\cmidrule(lr){{{col}-{col + span - 1}}}")
            col += span
        out.append(" & ".join(top) + r" \\")
        out.append(" ".join(rules))
        out.append(" & ".join([stub] + [latex_escape(k[1]) for k in t.col_keys]) + r" \\")
    else:
        out.append(" & ".join([stub] + [latex_escape(_col_label(k)) for k in t.col_keys]) + r" \\")
    out.append(r"\midrule")
    for rk, cells in t.rows:
        out.append(" & ".join([latex_escape(_row_label(rk))] + [latex_escape(c) for c in cells]) + r" \\")
    out += [r"\bottomrule", r"\end{tabular}"]
    return "\n".join(out) + "\n"


def to_html(t: Table) -> str:
    header = _header(t)
    out = ["<table class='data'>", "<thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr></thead>",
           "<tbody>"]
    for rk, cells in t.rows:
        out.append("<tr><th>" + html.escape(_row_label(rk)) + "</th>" +
                   "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
    out.append("</tbody></table>")
    out.append("<ul class='notes'>" + "".join(f"<li>{html.escape(n)}</li>" for n in t.notes) + "</ul>")
    return "\n".join(out)
