"""The manifest of a results directory: everything that determines the simulated results (pyvirt
version and git commit, Python and package versions, guest image hashes, the full profile
documents, the experiment file) plus, apart under "host", what describes the machine and the
wall-clock time of the session — the only non-deterministic part."""
import datetime
import hashlib
import importlib.metadata
import os
import platform
import subprocess

import pyvirt
from pyvirt.experiments.guests import REPO_ROOT

MANIFEST_FORMAT = 1
PACKAGES = ("pyvirt", "Cython", "numpy", "matplotlib", "scipy", "pyelftools", "pylibfdt", "tqdm", "dask",
            "distributed")


def git_info() -> dict:
    def git(*args):
        try:
            out = subprocess.run(["git", "-C", str(REPO_ROOT), *args], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            return None
        return out.stdout.strip() if out.returncode == 0 else None
    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain", "--untracked-files=no")
    return {"git_commit": commit, "git_dirty": bool(status) if status is not None else None}


def package_versions() -> dict:
    out = {}
    for name in PACKAGES:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = None
    return out


def host_info() -> dict:
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"hostname": platform.node(), "platform": platform.platform(), "machine": platform.machine(),
            "cpu": cpu, "cpus": os.cpu_count()}


def repo_relative(path) -> str:
    """A path relative to the repository when it is inside it (results do not depend on the cwd)."""
    from pathlib import Path
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return str(path)


def now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def build(experiment, specs, profile_docs: dict, status: str, host: dict) -> dict:
    """The manifest document; `host` carries the session's machine and timing information."""
    guests = {}
    for spec in specs:
        guests[spec.params["guest"]] = spec.params["guest_sha256"]
    return {
        "format": MANIFEST_FORMAT,
        "status": status,
        "experiment": {
            "name": experiment.name,
            "title": experiment.title,
            "file": repo_relative(experiment.path) if experiment.path else None,
            "sha256": hashlib.sha256(experiment.text.encode()).hexdigest(),
            "text": experiment.text,
        },
        "pyvirt": {"version": pyvirt.__version__, **git_info()},
        "python": {"version": platform.python_version(), "implementation": platform.python_implementation()},
        "packages": package_versions(),
        "guests": dict(sorted(guests.items())),
        "profiles": dict(sorted(profile_docs.items())),
        "runs": [{"key": s.key, "variant": s.params["variant"], "mode": s.params["mode"],
                  "workload": s.params["workload"], "profile": s.params["profile_name"],
                  "axes": s.params["axes"], "repeat": s.params["repeat"]} for s in specs],
        "counts": {},
        "host": host,
    }
