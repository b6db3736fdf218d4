"""Determinism (DESIGN.md principle 3): two identical runs of a prebuilt guest through
`python -m pyvirt run ... --stats FILE` write byte-identical statistics JSON, whatever the
Python hash seed; and the instruction counts equal the ones measured on QEMU
(guests/bare/README.md)."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PREBUILT = REPO / "guests" / "prebuilt"

# instructions from _start to the finisher store, measured on QEMU 7.2 (guests/bare/README.md)
QEMU_COUNTS = {"hello": 376, "crc32": 30_272_637, "qsort": 27_899_278, "matmul": 30_115_711}


def run_pyvirt(args, stats_path, hash_seed):
    env = dict(os.environ, PYTHONHASHSEED=str(hash_seed))
    proc = subprocess.run([sys.executable, "-m", "pyvirt", "run", *args, "--stats", str(stats_path)],
                          cwd=REPO, env=env, capture_output=True, timeout=300)
    return proc.returncode, proc.stdout, stats_path.read_bytes()


@pytest.mark.parametrize("guest,extra", [
    ("hello", []),
    ("qsort", []),
    ("crc32", ["--profile", "unit"]),
    ("matmul", ["--tlb-entries", "16", "--tlb-ways", "2"]),
])
def test_two_runs_write_identical_statistics(tmp_path, guest, extra):
    args = [f"guests/prebuilt/{guest}.elf", "--bios", "none", *extra]
    rc1, out1, stats1 = run_pyvirt(args, tmp_path / "a.json", 1)
    rc2, out2, stats2 = run_pyvirt(args, tmp_path / "b.json", 2)
    assert (rc1, rc2) == (0, 0)
    assert out1 == out2 and out1.startswith(guest.encode())
    assert stats1 == stats2, "statistics differ between identical runs"
    st = json.loads(stats1)
    assert st["instructions"]["total"] == QEMU_COUNTS[guest]
    assert st["exit"] == {"status": 0, "power": "pass", "diagnostic": None}
    assert st["cycles"]["total"] == sum(st["cycles"]["by_category"].values())
    assert st["devices"]["uart"]["writes"] > 0


def test_instruction_limit_is_deterministic(tmp_path):
    args = ["guests/prebuilt/qsort.elf", "--bios", "none", "--max-insns", "1234567"]
    rc1, _, stats1 = run_pyvirt(args, tmp_path / "a.json", 3)
    rc2, _, stats2 = run_pyvirt(args, tmp_path / "b.json", 4)
    assert rc1 == rc2 == 3
    assert stats1 == stats2
    assert json.loads(stats1)["instructions"]["total"] == 1234567


def test_statistics_change_with_the_profile(tmp_path):
    # the comparison above could pass trivially if stats ignored the run: make sure they do not
    _, _, unit = run_pyvirt(["guests/prebuilt/hello.elf", "--bios", "none", "--profile", "unit"],
                            tmp_path / "u.json", 0)
    _, _, default = run_pyvirt(["guests/prebuilt/hello.elf", "--bios", "none"], tmp_path / "d.json", 0)
    assert json.loads(unit)["cycles"]["total"] != json.loads(default)["cycles"]["total"]
    assert json.loads(unit)["instructions"] == json.loads(default)["instructions"]
