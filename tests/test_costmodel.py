"""Cost profiles: the shipped ones load and cite sources; malformed files fail with one clear line."""
import json

import pytest

from pyvirt.costmodel import CPI_KEYS, EVENT_KEYS, available_profiles, load_profile
from pyvirt.costmodel.profile import PROFILES_DIR
from pyvirt.errors import PyvirtError

UNIT_TEXT = (PROFILES_DIR / "unit.toml").read_text()


def test_available_profiles_lists_shipped_ones():
    assert {"default", "unit"} <= set(available_profiles())


def test_unit_profile_is_all_ones():
    p = load_profile("unit")
    assert p.name == "unit"
    assert p.clock_hz == 10_000_000 and p.cycles_per_tick == 1
    assert p.cpi == {k: 1 for k in CPI_KEYS}
    assert p.events == {k: 1 for k in EVENT_KEYS}


def test_default_profile_is_1ghz_and_fully_sourced():
    p = load_profile("default")
    assert p.clock_hz == 1_000_000_000 and p.cycles_per_tick == 100
    assert set(p.cpi) == set(CPI_KEYS) and set(p.events) == set(EVENT_KEYS)
    assert set(p.sources) == {f"cpi.{k}" for k in CPI_KEYS} | {f"events.{k}" for k in EVENT_KEYS}
    for key, source in p.sources.items():
        assert source.startswith(("[", "estimate:")), key


def test_default_vm_transition_costs_match_hyperbench_hypercall():
    ev = load_profile("default").events
    assert ev["vm_exit"] + ev["vm_entry"] + ev["hypercall"] == 1470    # [HB19] KVM+EPT


@pytest.mark.parametrize("name", ["default", "unit"])
def test_every_shipped_profile_validates(name):
    assert load_profile(name).name == name


def test_load_by_path(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(UNIT_TEXT.replace('name = "unit"', 'name = "mine"'))
    assert load_profile(str(path)).name == "mine"


def test_to_dict_is_plain_json():
    d = load_profile("default").to_dict()
    assert json.loads(json.dumps(d)) == d
    assert d["cycles_per_tick"] == 100 and d["cpi"]["alu"] == 1
    assert d["sources"]["events.vm_exit"].startswith("estimate:")


def _write(tmp_path, text):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    return str(path)


def _mutated(old, new):
    assert old in UNIT_TEXT
    return UNIT_TEXT.replace(old, new, 1)


ALU = 'alu    = { cycles = 1, source = "estimate: unit profile, every cost is 1" }'

BAD_FILES = [
    # (text, words the one-line message must contain)
    (_mutated(ALU, ""), "cpi.alu: missing"),
    (_mutated(ALU, 'alu = { cycles = 1.5, source = "x" }'), "cpi.alu.cycles"),
    (_mutated(ALU, 'alu = { cycles = "1", source = "x" }'), "cpi.alu.cycles"),
    (_mutated(ALU, 'alu = { cycles = true, source = "x" }'), "cpi.alu.cycles"),
    (_mutated(ALU, 'alu = { cycles = -1, source = "x" }'), "cpi.alu.cycles"),
    (_mutated(ALU, "alu = { cycles = 1 }"), "cpi.alu.source: missing"),
    (_mutated(ALU, 'alu = { cycles = 1, source = "" }'), "cpi.alu.source"),
    (_mutated(ALU, "alu = 1"), "cpi.alu: must be a table"),
    (_mutated(ALU, ALU + '\nvector = { cycles = 1, source = "x" }'), "cpi.vector: unknown key"),
    (_mutated(ALU, 'alu = { cycles = 1, source = "x", note = "y" }'), "cpi.alu.note: unknown key"),
    (UNIT_TEXT + '\n[extra]\nx = 1\n', "extra: unknown key"),
    (_mutated("clock_hz = 10_000_000", "clock_hz = 15_000_000"), "profile.clock_hz"),
    (_mutated("clock_hz = 10_000_000", "clock_hz = 5_000_000"), "profile.clock_hz"),
    (_mutated("clock_hz = 10_000_000", "clock_hz = 0"), "profile.clock_hz"),
    (_mutated("clock_hz = 10_000_000", 'clock_hz = "fast"'), "profile.clock_hz"),
    (_mutated("clock_hz = 10_000_000", ""), "profile.clock_hz: missing"),
    (_mutated('name = "unit"', ""), "profile.name: missing"),
    (UNIT_TEXT.split("[events]")[0], "events: missing"),
    (UNIT_TEXT + "\n[cpi\n", "invalid TOML"),
]


@pytest.mark.parametrize("text,expected", BAD_FILES)
def test_bad_profile_fails_with_one_line_naming_file_and_key(tmp_path, text, expected):
    path = _write(tmp_path, text)
    with pytest.raises(PyvirtError) as info:
        load_profile(path)
    message = str(info.value)
    assert message.startswith(path + ":")
    assert expected in message
    assert "\n" not in message


def test_unknown_profile_name_lists_available():
    with pytest.raises(PyvirtError, match=r"unknown profile 'nope' \(available: .*default.*unit"):
        load_profile("nope")


def test_name_with_path_characters_is_not_a_name():
    with pytest.raises(PyvirtError, match="unknown profile"):
        load_profile("../profiles/unit")


def test_missing_profile_file(tmp_path):
    with pytest.raises(PyvirtError, match="missing.toml: cannot read profile"):
        load_profile(str(tmp_path / "missing.toml"))
