"""Are a report directory's generated files (e.g. paper/figures and paper/tables) present and
current? `check(out_dir)` compares each file with the sha256 recorded in generated.json, and each
experiment's recorded input fingerprint with the one its experiment file gives today (the hash
of its run keys: parameters, guest image hashes and profile contents). Fast: nothing is run."""
import hashlib
import json
from pathlib import Path
from typing import List

from pyvirt.experiments import spec as spec_mod
from pyvirt.experiments.guests import REPO_ROOT
from pyvirt.report.build import keys_fingerprint


def check(out_dir) -> List[str]:
    """Problems found (empty when everything is present and current)."""
    out = Path(out_dir)
    try:
        doc = json.loads((out / "generated.json").read_text())
    except (OSError, ValueError) as e:
        return [f"{out}/generated.json: cannot read ({e}); run `pyvirt report RESULTS --out {out}`"]
    problems = []
    for rel, digest in doc.get("files", {}).items():
        path = out / rel
        if not path.is_file():
            problems.append(f"{path}: missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(f"{path}: changed since it was generated")
    for name, info in doc.get("experiments", {}).items():
        file = info.get("file")
        path = Path(file) if file and Path(file).is_absolute() else REPO_ROOT / (file or "")
        if not file or not path.is_file():
            problems.append(f"experiment {name}: its file {file} is gone")
            continue
        keys = [s.key for s in spec_mod.load(path).runs()]
        if keys_fingerprint(keys) != info["run_keys_sha256"]:
            problems.append(f"experiment {name}: {file}, a profile or a guest image changed since the report was "
                            f"generated; rerun the experiment and `pyvirt report`")
    return problems
