"""Profiles as experiment data: a shipped profile plus an experiment's overrides -> a profile
document (the plain-data form `Profile.to_dict()`), and that document back to a TOML file.

Override keys name one value of the profile file: `cpi.KEY` / `events.KEY` (cycles),
`profile.clock_hz`, `model.hypervisor`, `model.hvm` (hvm controls). A derived profile is named after its base and its
overrides (`modern[vm_exit=300]`); each overridden value's source says it was set by the
experiment. Runs always execute a profile written from its document, so a manifest that records
the documents pins the costs even if the shipped files change later.
"""
import functools
import json

from pyvirt.costmodel import CPI_KEYS, EVENT_KEYS, HYPERVISOR_TYPES, MTIME_HZ, load_profile
from pyvirt.costmodel.profile import profile_path
from pyvirt.errors import PyvirtError

SECTIONS = {"cpi": CPI_KEYS, "events": EVENT_KEYS}


def check_override_key(where: str, section: str, key: str) -> None:
    group, _, name = key.partition(".")
    ok = (group in SECTIONS and name in SECTIONS[group]) or key in ("profile.clock_hz", "model.hypervisor",
                                                                      "model.hvm")
    if not ok:
        raise PyvirtError(f"{where}: {section}.{key}: not a profile value (cpi.KEY, events.KEY, "
                          f"profile.clock_hz, model.hypervisor or model.hvm)")


def derive(base: str, overrides: dict) -> dict:
    """The profile document of `base` (a shipped name or a .toml path) with `overrides` applied."""
    try:
        st = profile_path(base).stat()
        state = (st.st_mtime_ns, st.st_size)          # a changed file is read again
    except (OSError, PyvirtError):
        state = None                                  # load_profile reports the problem
    return json.loads(_derive(base, json.dumps(overrides, sort_keys=True), state))


@functools.lru_cache(maxsize=None)
def _derive(base: str, overrides_json: str, file_state) -> str:
    doc = load_profile(base).to_dict()
    overrides = json.loads(overrides_json)
    parts = []
    for key, value in sorted(overrides.items()):
        check_override_key("profile override", base, key)
        group, _, name = key.partition(".")
        if group in SECTIONS:
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise PyvirtError(f"profile override {key}: must be a non-negative integer, got {value!r}")
            old = doc[group][name]
            doc[group][name] = value
            doc["sources"][key] = f"estimate: set by the experiment (profile {base}: {old})"
        elif key == "profile.clock_hz":
            if not isinstance(value, int) or isinstance(value, bool) or value < MTIME_HZ or value % MTIME_HZ:
                raise PyvirtError(f"profile override {key}: must be a positive multiple of {MTIME_HZ}, got {value!r}")
            doc["clock_hz"] = value
            doc["cycles_per_tick"] = value // MTIME_HZ
        elif key == "model.hvm":
            if not isinstance(value, str):
                raise PyvirtError(f"profile override {key}: must be a string of hvm controls, got {value!r}")
            doc["model"]["hvm"] = value
        else:
            if value not in HYPERVISOR_TYPES:
                raise PyvirtError(f"profile override {key}: must be one of {', '.join(HYPERVISOR_TYPES)}, got {value!r}")
            doc["model"]["hypervisor"] = value
        parts.append(f"{name}={value}")
    if parts:
        doc["name"] = f"{doc['name']}[{','.join(parts)}]"
    return json.dumps(doc, sort_keys=True)


def to_toml(doc: dict) -> str:
    """A profile file equivalent to the document (load_profile(file).to_dict() == doc)."""
    q = json.dumps          # a JSON string (ASCII, escaped) is a valid TOML basic string
    lines = ["# Written by pyvirt's experiment harness from a recorded profile document.",
             "[profile]", f"name = {q(doc['name'])}", f"description = {q(doc['description'])}",
             f"clock_hz = {doc['clock_hz']}", "", "[model]"]
    lines += [f"{key} = {q(value)}" for key, value in sorted(doc.get("model", {}).items())]
    for section, keys in SECTIONS.items():
        lines += ["", f"[{section}]"]
        for key in keys:
            lines.append(f"{key} = {{ cycles = {doc[section][key]}, source = {q(doc['sources'][f'{section}.{key}'])} }}")
    return "\n".join(lines) + "\n"
