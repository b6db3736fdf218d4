"""`pyvirt report DIR... [--out OUT]`

Draws the figures and tables each experiment file asks for, from one or more results
directories (a DIR without manifest.json stands for every results directory inside it), and
writes OUT/figures/*.{pdf,png}, OUT/tables/*.{tex,md}, OUT/data/*.csv (the plotted values with
their run keys), OUT/report.html and OUT/generated.json. OUT defaults to DIR/report.
`--out paper` writes the inputs of the LaTeX paper (paper/main.tex).
"""
from pathlib import Path


def add_parser(commands):
    parser = commands.add_parser("report", help="figures, tables and an HTML report from results directories")
    parser.add_argument("directories", nargs="+", metavar="DIR", help="results directory (or a folder of them)")
    parser.add_argument("--out", metavar="OUT", help="output directory (default DIR/report)")
    parser.add_argument("--quiet", action="store_true", help="do not print the tables")


def main(args) -> int:
    from pyvirt.experiments.cmd_reproduce import results_dirs
    from pyvirt.report import build, tables
    dirs = [d for given in args.directories for d in results_dirs(given)]
    out = Path(args.out) if args.out else Path(args.directories[0]) / "report"
    report = build.build(dirs, out)
    if not args.quiet:
        for table in report.tables:
            print(tables.to_text(table))
            print()
    figures = sum(1 for f in report.files if f.endswith(".pdf"))
    print(f"wrote {figures} figures (PDF + PNG), {len(report.tables)} tables (LaTeX + Markdown) and "
          f"{out}/report.html")
    return 0
