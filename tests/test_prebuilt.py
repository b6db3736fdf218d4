"""The prebuilt guest images: integrity, reproducibility and behaviour on QEMU.

(a) every image listed in guests/prebuilt/MANIFEST exists and has the listed
    sha256 (always runs; needs no toolchain);
(b) with riscv64-unknown-elf-gcc on PATH, `make -C guests check` rebuilds the
    images from source and gets the same hashes;
(c) with qemu-system-riscv64 on PATH, each bare-metal program run on QEMU virt
    (`-bios none`, the differential oracle) prints its result line and powers
    off with exit status 0 through the sifive_test finisher.
"""
import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GUESTS = REPO / "guests"
PREBUILT = GUESTS / "prebuilt"
MANIFEST = PREBUILT / "MANIFEST"

# The result line each bare-metal program prints.  The checksums were also
# computed independently on the host (Python zlib / sorted() / numpy), so a
# match on QEMU checks the guest code, and a match on pyvirt checks pyvirt.
BARE_RESULTS = {
    "hello": "hello from a bare-metal rv64imac guest in M-mode",
    "intloop": "intloop iters=4000000 result=0xc01c11b9837acfae",
    "crc32": "crc32 bytes=2621440 result=0xf94faf33",
    "qsort": "qsort n=16384 rounds=12 min=0x00046ef3 max=0xfff71b47 "
             "result=0xdeb45c77a3afeecb",
    "matmul": "matmul n=64 rounds=16 c00=0xf8a5cbe8 result=0xc719437e7ac9a29a",
}

QEMU_TIMEOUT_S = 60


def read_manifest():
    """Return [(sha256, filename)] from MANIFEST, skipping '#' comment lines."""
    entries = []
    for line in MANIFEST.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        digest, name = line.split()
        entries.append((digest, name))
    return entries


def sha256_of(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- (a) integrity ---------------------------------------------------------

def test_manifest_header_records_toolchain_and_flags():
    header = MANIFEST.read_text().splitlines()[0]
    assert header.startswith("# riscv64-unknown-elf-gcc")
    assert "-march=rv64imac_zicsr_zifencei" in header


def test_manifest_lists_every_bare_program():
    names = {name for _, name in read_manifest()}
    assert {f"{p}.elf" for p in BARE_RESULTS} <= names


@pytest.mark.parametrize("digest,name",
                         [pytest.param(d, n, id=n) for d, n in read_manifest()])
def test_prebuilt_image_matches_manifest(digest, name):
    path = PREBUILT / name
    assert path.is_file(), f"{name} is listed in MANIFEST but missing"
    assert sha256_of(path) == digest, (
        f"{name}: sha256 differs from MANIFEST; run `make -C guests prebuilt`")


# --- (b) reproducibility ---------------------------------------------------

def test_make_check_reproduces_prebuilt_images():
    if shutil.which("riscv64-unknown-elf-gcc") is None:
        pytest.skip("riscv64-unknown-elf-gcc not on PATH (Debian: gcc-riscv64-unknown-elf)")
    if shutil.which("make") is None:
        pytest.skip("make not on PATH")
    proc = subprocess.run(["make", "-s", "-C", str(GUESTS), "check"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


# --- (c) behaviour on QEMU ---------------------------------------------------

@pytest.mark.parametrize("prog", sorted(BARE_RESULTS))
def test_bare_program_on_qemu(prog):
    qemu = shutil.which("qemu-system-riscv64")
    if qemu is None:
        pytest.skip("qemu-system-riscv64 not on PATH (Debian: qemu-system-misc)")
    cmd = [qemu, "-machine", "virt", "-bios", "none", "-nographic", "-m", "128M",
           "-kernel", str(PREBUILT / f"{prog}.elf")]
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=QEMU_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{prog} did not power off within {QEMU_TIMEOUT_S} s")
    out = proc.stdout.decode("latin-1").replace("\r", "")
    assert proc.returncode == 0, f"exit status {proc.returncode}; output:\n{out}{proc.stderr!r}"
    assert BARE_RESULTS[prog] in out.splitlines(), out
