"""The shipped cost profiles: all load, every value cites ANCHORS.md or says 'estimate:', the
anchored values are the published ones, and the [model] hypervisor option is validated."""
import pytest

from pyvirt.costmodel import CPI_KEYS, EVENT_KEYS, available_profiles, load_profile
from pyvirt.costmodel.profile import PROFILES_DIR
from pyvirt.errors import PyvirtError
from pyvirt.experiments import profiles

SHIPPED = ["default", "unit", "p4-2006", "core2-2006", "ivybridge-2013", "modern"]


def test_all_studied_profiles_are_shipped():
    assert set(SHIPPED) <= set(available_profiles())


@pytest.mark.parametrize("name", available_profiles())
def test_every_profile_loads_and_cites_sources(name):
    p = load_profile(name)
    assert p.name == name
    assert set(p.sources) == {f"cpi.{k}" for k in CPI_KEYS} | {f"events.{k}" for k in EVENT_KEYS}
    for key, source in p.sources.items():
        assert source.startswith(("[", "estimate:")), f"{name}: {key}: {source}"
    assert p.hypervisor == "bare-metal"


def test_citations_name_anchor_rows():
    anchors = {"[AA06]", "[HB19]", "[X03]", "[B08]", "[C05]", "[W02]", "[S21]"}
    import re
    for name in available_profiles():
        for key, source in load_profile(name).sources.items():
            for tag in re.findall(r"\[[A-Z0-9]+\]", source):
                assert tag in anchors, f"{name}: {key} cites unknown {tag}"


def test_aa06_vm_transitions():
    p4, core2 = load_profile("p4-2006").events, load_profile("core2-2006").events
    assert (p4["vm_exit"], p4["vm_entry"]) == (1931, 2409)
    assert (core2["vm_exit"], core2["vm_entry"]) == (1186, 937)


def test_hyperbench_calibration():
    ivy = load_profile("ivybridge-2013").events
    assert ivy["vm_exit"] + ivy["vm_entry"] + ivy["hypercall"] == 1470            # KVM+EPT hypercall
    assert 2 * ivy["world_switch"] + ivy["host_io"] + ivy["host_sched_delay"] == 36060 - 8370   # Xen - KVM IN


def test_model_section_is_optional_and_validated(tmp_path):
    text = (PROFILES_DIR / "unit.toml").read_text()
    no_model = text.replace('[model]\nhypervisor = "bare-metal"\n', "")
    assert no_model != text
    path = tmp_path / "a.toml"
    path.write_text(no_model)
    assert load_profile(str(path)).hypervisor == "bare-metal"
    path.write_text(text.replace('hypervisor = "bare-metal"', 'hypervisor = "hosted"'))
    assert load_profile(str(path)).to_dict()["model"] == {"hypervisor": "hosted"}
    path.write_text(text.replace('hypervisor = "bare-metal"', 'hypervisor = "type-3"'))
    with pytest.raises(PyvirtError, match="model.hypervisor"):
        load_profile(str(path))
    path.write_text(text.replace('hypervisor = "bare-metal"', 'hypervisor = "hosted"\nspeed = 1'))
    with pytest.raises(PyvirtError, match="model.speed: unknown key"):
        load_profile(str(path))


def test_derived_profile_round_trips_through_toml(tmp_path):
    doc = profiles.derive("modern", {"events.vm_exit": 300, "model.hypervisor": "hosted",
                                     "model.hvm": "extint=off"})
    assert doc["name"] == "modern[vm_exit=300,hvm=extint=off,hypervisor=hosted]"
    assert doc["events"]["vm_exit"] == 300 and doc["model"] == {"hypervisor": "hosted", "hvm": "extint=off"}
    assert doc["sources"]["events.vm_exit"].startswith("estimate: set by the experiment")
    path = tmp_path / "d.toml"
    path.write_text(profiles.to_toml(doc))
    assert load_profile(str(path)).to_dict() == doc


@pytest.mark.parametrize("overrides, message", [
    ({"events.nope": 1}, "not a profile value"),
    ({"events.vm_exit": -1}, "non-negative"),
    ({"profile.clock_hz": 123}, "multiple"),
    ({"model.hypervisor": "x"}, "must be one of"),
    ({"model.hvm": 1}, "must be a string of hvm controls"),
])
def test_bad_overrides_are_refused(overrides, message):
    with pytest.raises(PyvirtError, match=message):
        profiles.derive("unit", overrides)
