"""The snapshot file: sections round-trip; a corrupted, truncated, foreign or other-version
file is refused with SnapshotError; writes are atomic; the codec keeps bytes and refuses
non-str keys."""
import os
import struct

import pytest

from pyvirt.snapshot import codec, format
from pyvirt.snapshot.format import SnapshotError

SECTIONS = {"meta": codec.encode({"a": 1, "big": 1 << 70, "blob": b"\x00\xff", "list": [1, None, "x"]}),
            "ram": bytes(100_000) + b"tail", "empty": b""}


def written(tmp_path):
    path = str(tmp_path / "vm.snap")
    format.write(path, SECTIONS)
    return path


def test_sections_round_trip_and_compress(tmp_path):
    path = written(tmp_path)
    assert format.read(path) == SECTIONS
    assert os.path.getsize(path) < 2000
    assert codec.decode(SECTIONS["meta"]) == {"a": 1, "big": 1 << 70, "blob": b"\x00\xff", "list": [1, None, "x"]}


def test_codec_refuses_non_str_keys_and_objects():
    with pytest.raises(TypeError):
        codec.encode({"counts": {3: 1}})
    with pytest.raises(TypeError):
        codec.encode({"x": object()})


def test_every_truncation_is_refused(tmp_path):
    path = written(tmp_path)
    data = open(path, "rb").read()
    for cut in sorted({0, 1, 7, 8, 15, 16, 17, 30, 60, len(data) // 2, len(data) - 1}):
        with open(path, "wb") as f:
            f.write(data[:cut])
        with pytest.raises(SnapshotError, match="truncated|not a pyvirt snapshot"):
            format.read(path)


@pytest.mark.parametrize("where", [0.3, 0.6, 0.95])
def test_a_flipped_byte_in_a_section_is_refused(tmp_path, where):
    path = written(tmp_path)
    data = bytearray(open(path, "rb").read())
    data[int(len(data) * where)] ^= 0x40
    open(path, "wb").write(data)
    with pytest.raises(SnapshotError, match="corrupted|truncated|garbage|decompress"):
        format.read(path)


def test_other_version_magic_and_trailing_garbage_are_refused(tmp_path):
    path = written(tmp_path)
    data = open(path, "rb").read()
    open(path, "wb").write(data[:8] + struct.pack("<I", format.FORMAT_VERSION + 1) + data[12:])
    with pytest.raises(SnapshotError, match="format version 2, this pyvirt reads version 1"):
        format.read(path)
    open(path, "wb").write(b"GARBAGE!" + data[8:])
    with pytest.raises(SnapshotError, match="not a pyvirt snapshot"):
        format.read(path)
    open(path, "wb").write(data + b"x")
    with pytest.raises(SnapshotError, match="garbage"):
        format.read(path)


def test_write_is_atomic(tmp_path):
    path = written(tmp_path)
    assert os.listdir(tmp_path) == ["vm.snap"]
    before = open(path, "rb").read()
    with pytest.raises(TypeError):
        format.write(path, {"meta": b"ok", "bad": object()})     # fails half way through
    assert os.listdir(tmp_path) == ["vm.snap"]                  # no temporary file left behind
    assert open(path, "rb").read() == before                    # the old snapshot is untouched
    assert os.stat(path).st_mode & 0o777 == 0o666 & ~_umask()


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask
