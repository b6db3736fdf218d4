"""Guest images for experiments, named as in experiment files and stored in run specifications
by their path relative to the repository (so results do not depend on where it is checked out):

    kernel          guests/prebuilt/kernel-native.elf, or kernel-pv.elf for the pv mode
    kernel-native   guests/prebuilt/kernel-native.elf
    kernel-pv       guests/prebuilt/kernel-pv.elf
    bare/NAME       guests/prebuilt/NAME.elf, a bare-metal guest run with --bios none
    PATH.elf        any other image (relative to the repository or the current directory)
"""
import functools
import hashlib
from pathlib import Path

from pyvirt.errors import PyvirtError

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
PREBUILT = "guests/prebuilt"


def is_bare(name: str) -> bool:
    return name.startswith("bare/")


def resolve_name(name: str, mode: str) -> str:
    """The stored (logical) path of a guest named in an experiment file; the file must exist."""
    if name == "kernel":
        name = "kernel-pv" if mode == "pv" else "kernel-native"
    if name in ("kernel-native", "kernel-pv"):
        logical = f"{PREBUILT}/{name}.elf"
    elif is_bare(name):
        logical = f"{PREBUILT}/{name[len('bare/'):]}.elf"
    elif name.endswith(".elf"):
        path = Path(name)
        if not path.is_absolute() and (REPO_ROOT / path).is_file():
            logical = path.as_posix()
        else:
            path = path.resolve()
            try:
                logical = path.relative_to(REPO_ROOT).as_posix()
            except ValueError:
                logical = path.as_posix()
    else:
        raise PyvirtError(f"unknown guest '{name}' (use kernel, kernel-native, kernel-pv, bare/NAME or a .elf path)")
    if not path_of(logical).is_file():
        raise PyvirtError(f"guest '{name}': {path_of(logical)} not found")
    return logical


def path_of(logical: str) -> Path:
    path = Path(logical)
    return path if path.is_absolute() else REPO_ROOT / path


@functools.lru_cache(maxsize=None)
def _digest(path: str, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def sha256(logical: str) -> str:
    """sha256 of the image (cached per file state)."""
    path = path_of(logical)
    st = path.stat()
    return _digest(str(path), st.st_mtime_ns, st.st_size)


def read(logical: str, expected_sha256: str) -> bytes:
    """The image's bytes, refusing an image whose contents changed since the run was planned."""
    path = path_of(logical)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise PyvirtError(f"guest {logical}: cannot read {path}: {e.strerror}") from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != expected_sha256:
        raise PyvirtError(f"guest {logical}: sha256 {digest[:12]}... differs from the recorded {expected_sha256[:12]}...")
    return data
