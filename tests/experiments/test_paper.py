"""paper/: the generated figures and tables exist, are intact, and are current (their experiment
files, profiles and guest images have not changed since `make -C paper inputs`); main.tex uses
only generated inputs. Nothing is rerun: see pyvirt.report.generated."""
import json
import re

from pyvirt.experiments.guests import REPO_ROOT
from pyvirt.report import generated

PAPER = REPO_ROOT / "paper"


def test_paper_inputs_exist_and_are_current():
    problems = generated.check(PAPER)
    assert not problems, "\n".join(problems) + "\nregenerate with: make -C paper inputs"


def test_main_tex_inputs_are_generated():
    files = json.loads((PAPER / "generated.json").read_text())["files"]
    used = re.findall(r"\\generated(?:figure|table)(?:\[[^]]*\])?\{([^}]+)\}", (PAPER / "main.tex").read_text())
    assert used
    for path in used:
        assert path in files, f"main.tex uses {path}, which `pyvirt report --out paper` does not write"


def test_paper_has_every_study():
    studies = json.loads((PAPER / "generated.json").read_text())["experiments"]
    assert set(studies) == {"nanobench", "macro", "mmu", "io", "exitcost", "hosted"}
    cited = set(re.findall(r"@\w+\{(\w+),", (PAPER / "references.bib").read_text()))
    assert {"AA06", "HB19", "X03", "B08", "C05", "W02", "S21"} <= cited
