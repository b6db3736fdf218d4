"""Disk images in a snapshot: a reference (the drive spec) plus the sha256 and size of the
image when the snapshot was taken. A restore may point a drive at another file (the same
interface), but its contents must hash the same: a changed disk is refused."""
import hashlib
import os

from pyvirt.config import parse_drive
from pyvirt.snapshot.format import SnapshotError

_CHUNK = 1 << 20


def sha256_of(path: str) -> str:
    """sha256 of a file's contents, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def describe(drives: list) -> list:
    """[{spec, size, sha256}] of the drives as they are now (after the guest's last write)."""
    out = []
    for spec in drives:
        path, _ = parse_drive(spec)
        out.append({"spec": spec, "size": os.path.getsize(path), "sha256": sha256_of(path)})
    return out


def rebind(saved: list, replacement: list) -> list:
    """The drive specs to restore with: the saved ones, or replacement (same count and
    interfaces) when the user points the drives at other files."""
    specs = [d["spec"] for d in saved]
    if not replacement:
        return specs
    if len(replacement) != len(specs):
        raise SnapshotError(f"the snapshot has {len(specs)} drive(s), --drive gives {len(replacement)}")
    for old, new in zip(specs, replacement):
        if parse_drive(old)[1] != parse_drive(new)[1]:
            raise SnapshotError(f"drive '{new}' has another interface than the saved '{old}'")
    return list(replacement)


def verify(saved: list, specs: list) -> None:
    """Refuse drives whose files are missing or whose contents differ from the snapshot's."""
    for entry, spec in zip(saved, specs):
        path, _ = parse_drive(spec)
        if not os.path.isfile(path):
            raise SnapshotError(f"{path}: disk image of the snapshot not found")
        if os.path.getsize(path) != entry["size"] or sha256_of(path) != entry["sha256"]:
            raise SnapshotError(f"{path}: disk image changed since the snapshot (sha256 differs from "
                                f"{entry['sha256'][:12]}...)")
