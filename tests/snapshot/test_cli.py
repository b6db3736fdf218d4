"""`pyvirt run --snapshot-at N --snapshot FILE` and `pyvirt run --restore FILE` end to end:
the two commands together print what one uninterrupted run prints and write the same
statistics; unusable snapshots and conflicting options give one `pyvirt: error:` line and
exit status 2."""
import shutil

import pytest

from pyvirt.cli import main
from pyvirt.snapshot import codec, format

from .helpers import KERNEL, pyvirt_run, scratch_disk

APPEND = "run syscall 200; run mmap 20"


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory):
    """(directory, snapshot path, stdout of the snapshot run) of a trap-mode kernel run paused at 250000."""
    tmp = tmp_path_factory.mktemp("cli")
    path = str(tmp / "vm.snap")
    status, out, err = pyvirt_run(KERNEL, "--mode", "trap", "--append", APPEND, "--snapshot-at", "250000",
                              "--snapshot", path)
    assert status == 0, err
    assert f"snapshot after 250000 instructions written to {path}" in err
    return tmp, path, out


def test_snapshot_then_restore_equals_one_run(snapshot):
    tmp, path, before = snapshot
    status, whole, err = pyvirt_run(KERNEL, "--mode", "trap", "--append", APPEND, "--stats", str(tmp / "whole.json"))
    assert status == 0, err
    status, after, err = pyvirt_run("--restore", path, "--stats", str(tmp / "restored.json"))
    assert status == 0, err
    assert before + after == whole and b"DONE name=mmap status=0" in after
    assert (tmp / "restored.json").read_bytes() == (tmp / "whole.json").read_bytes()


def one_error_line(capsys, argv):
    assert main(["run", *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("pyvirt: error: "), err
    return err


def test_damaged_snapshots_give_one_error_line(snapshot, tmp_path, capsys):
    data = open(snapshot[1], "rb").read()
    bad = tmp_path / "bad.snap"
    for damaged, words in [(data[:len(data) // 3], "truncated"), (data[:-100] + bytes(100), "corrupted"),
                           (data[:8] + b"\x09\x00\x00\x00" + data[12:], "format version 9"),
                           (b"hello world", "not a pyvirt snapshot")]:
        bad.write_bytes(damaged)
        assert words in one_error_line(capsys, ["--restore", str(bad)])
    assert "cannot read snapshot" in one_error_line(capsys, ["--restore", str(tmp_path / "missing.snap")])


def test_option_conflicts_give_one_error_line(snapshot, capsys):
    assert "--mode cannot be combined with --restore" in one_error_line(
        capsys, ["--restore", snapshot[1], "--mode", "native"])
    assert "takes no KERNEL" in one_error_line(capsys, [KERNEL, "--restore", snapshot[1]])
    assert "go together" in one_error_line(capsys, [KERNEL, "--snapshot-at", "10"])
    assert "required: KERNEL" in one_error_line(capsys, ["--stats", "x.json"])
    assert "not a positive integer" in one_error_line(capsys, [KERNEL, "--snapshot-at", "0", "--snapshot", "x"])


def test_guest_ending_before_the_snapshot_point_writes_nothing(tmp_path, capsys):
    path = tmp_path / "late.snap"
    err = one_error_line(capsys, [KERNEL, "--append", "run syscall 10", "--snapshot-at", "900000000",
                                  "--snapshot", str(path)])
    assert "before --snapshot-at 900000000: no snapshot written" in err
    assert not path.exists()


def test_a_changed_disk_is_refused_and_a_moved_one_accepted(tmp_path, capsys):
    disk = scratch_disk(str(tmp_path / "disk.img"))
    path = str(tmp_path / "vm.snap")
    assert main(["run", KERNEL, "--append", "run disk virtio 32", "--drive", disk, "--snapshot-at", "300000",
                 "--snapshot", path]) == 0
    capsys.readouterr()
    moved = str(tmp_path / "moved.img")
    shutil.copyfile(disk, moved)
    with open(disk, "r+b") as f:
        f.seek(4096)
        f.write(b"changed")
    assert "disk image changed since the snapshot" in one_error_line(capsys, ["--restore", path])
    capsys.readouterr()
    assert main(["run", "--restore", path, "--drive", moved]) == 0
    assert "DONE name=disk status=0" in capsys.readouterr().out


def test_intact_files_with_unusable_contents_give_one_error_line(snapshot, tmp_path, capsys):
    sections = format.read(snapshot[1])
    machine_state = codec.decode(sections["machine"])
    del machine_state["hart"]["pc"]
    bad = tmp_path / "bad.snap"
    bad.write_bytes(format.pack({**sections, "machine": codec.encode(machine_state)}))
    assert "state does not fit this pyvirt" in one_error_line(capsys, ["--restore", str(bad)])
    bad.write_bytes(format.pack({k: v for k, v in sections.items() if k != "mode"}))
    assert "lacks section(s) mode" in one_error_line(capsys, ["--restore", str(bad)])
    for name, text in [("meta", b"{not json"), ("disks", b'{"a": 1}'), ("disks", b"[1]"), ("config", b"[]")]:
        bad.write_bytes(format.pack({**sections, name: text}))
        assert f"section '{name}' is malformed" in one_error_line(capsys, ["--restore", str(bad)])
