"""Experiment files: validation errors name the key; the matrix expands in a fixed order; run
keys are content hashes (stable, and changed by any parameter or profile value)."""
import pytest

from pyvirt.errors import PyvirtError
from pyvirt.experiments import spec
from tests.experiments.conftest import TINY


def test_matrix_expansion_and_order(tiny):
    runs = tiny.runs()
    labels = [(r.params["variant"], r.params["workload"]) for r in runs]
    assert labels == [("native", "syscall"), ("native", "hello"), ("hvm-shadow", "syscall"), ("hvm-shadow", "hello")]
    syscall, hello = runs[0].params, runs[1].params
    assert syscall["run"] == "syscall 100" and syscall["bios"] == "builtin"
    assert syscall["guest"] == "guests/prebuilt/kernel-native.elf"
    assert hello["guest"] == "guests/prebuilt/hello.elf" and hello["bios"] == "none" and hello["run"] is None
    assert runs[2].params["config"] == {"mmu": "shadow", "hvm": "satp=off"}


def test_keys_are_stable_and_content_addressed():
    a = [r.key for r in spec.parse(TINY).runs()]
    assert a == [r.key for r in spec.parse(TINY).runs()]
    assert len(set(a)) == len(a)
    changed = [r.key for r in spec.parse(TINY.replace("syscall 100", "syscall 101")).runs()]
    assert changed[0] != a[0] and changed[1] == a[1]


def test_profile_contents_are_part_of_the_key(tmp_path):
    from pyvirt.costmodel.profile import PROFILES_DIR
    text = (PROFILES_DIR / "unit.toml").read_text()
    p = tmp_path / "mine.toml"
    p.write_text(text)
    base = spec.parse(TINY.replace('"unit"', f'"{p}"')).runs()[0].key
    p.write_text(text.replace("alu    = { cycles = 1", "alu    = { cycles = 2"))
    assert spec.parse(TINY.replace('"unit"', f'"{p}"')).runs()[0].key != base


def test_axes_templates_repeats_and_mode_restrictions():
    exp = spec.parse("""
[experiment]
name = "axes"
repeats = 2
[matrix]
profile = ["unit"]
[[variant]]
name = "native"
[[variant]]
name = "hvm"
matrix = { "events.vm_exit" = [100, 200] }
[[workload]]
run = "tlbstress 100 {pages}"
matrix = { "arg.pages" = [16, 32] }
[[workload]]
label = "ring"
run = "disk pv 8"
modes = ["pv"]
[[workload]]
label = "piodisk"
run = "disk pio 8"
""")
    runs = exp.runs()
    native = [r.params for r in runs if r.params["variant"] == "native"]
    hvm = [r.params for r in runs if r.params["variant"] == "hvm"]
    assert len(native) == 2 * 2 + 2 and len(hvm) == 2 * 2 * 2 + 2 * 2
    assert {p["run"] for p in native} == {"tlbstress 100 16", "tlbstress 100 32", "disk pio 8"}
    assert all(p["workload"] != "ring" for p in runs_params(runs))
    pio = [p for p in native if p["workload"] == "piodisk"][0]
    assert pio["drives"] == ["pio"]
    assert {p["profile_name"] for p in hvm} == {"unit[vm_exit=100]", "unit[vm_exit=200]"}
    assert {p["repeat"] for p in native} == {0, 1}


def runs_params(runs):
    return [r.params for r in runs]


@pytest.mark.parametrize("text, message", [
    (TINY.replace('title = "Tiny test experiment"', 'colour = "red"'), "experiment.colour: unknown key"),
    (TINY.replace('profile = ["unit"]', 'profile = ["nope"]'), "unknown profile 'nope'"),
    (TINY.replace('mode = "hvm"', 'mode = "vmx"'), "variant\\[1\\].mode"),
    (TINY.replace('run = "bare/hello"', 'run = "bare/nope"'), "nope"),
    (TINY.replace('profile = ["unit"]', 'profile = ["unit"]\n"events.bogus" = [1]'), "not a profile value"),
    (TINY.replace('profile = ["unit"]', 'profile = ["unit"]\nspeed = [1]'), "matrix.speed"),
    (TINY.replace('metric = "per_iter"', 'metric = "speed"'), "table\\[0\\].metric"),
    (TINY.replace('name = "bars"', 'name = "bars"\nkind = "pie"'), "figure\\[0\\].kind"),
    (TINY.replace('run = "syscall 100"', 'run = "syscall {n}"'), "arg.NAME"),
    ("[experiment\n", "invalid TOML"),
])
def test_invalid_experiments_fail_with_the_key(text, message):
    with pytest.raises(PyvirtError, match=message):
        spec.parse(text)


def test_shipped_studies_parse():
    from pyvirt.experiments.guests import REPO_ROOT
    files = sorted((REPO_ROOT / "experiments").glob("*.toml"))
    assert {f.stem for f in files} >= {"quick", "nanobench", "macro", "mmu", "io", "exitcost", "hosted"}
    for f in files:
        exp = spec.load(f)
        assert exp.runs() and (exp.figures or exp.tables), f
