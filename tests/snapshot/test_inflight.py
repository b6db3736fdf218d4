"""Snapshots taken where state is in flight: a virtio-blk completion raised but not yet
handled by the guest, and a timer interrupt pending but not yet taken. The restored run must
still end bit-identical to the uninterrupted one."""
import pytest

from .helpers import (first_point, kernel_config, scratch_disk, split_run, straight, timer_pending,
                      virtio_completion_pending)


@pytest.mark.parametrize("mode", ["native", "trap"])
def test_snapshot_mid_virtio_io(tmp_path, mode):
    def config(name):
        return kernel_config(mode, "run disk virtio 64", drives=[scratch_disk(str(tmp_path / name))])
    n = first_point(config("probe.img"), virtio_completion_pending, step=997, limit=3_000_000)
    want = straight(config("straight.img"))
    assert want[0] == 0 and b"DONE name=disk status=0" in want[2]
    got = split_run(config("split.img"), n, str(tmp_path / "vm.snap"))
    assert (got[2], got[1], got[0]) == (want[2], want[1], want[0])
    assert (tmp_path / "split.img").read_bytes() == (tmp_path / "straight.img").read_bytes()


@pytest.mark.parametrize("mode", ["native", "trap"])
def test_snapshot_with_timer_interrupt_pending(tmp_path, mode):
    def config():
        return kernel_config(mode, "run timer 5")
    n = first_point(config(), timer_pending, step=101, limit=5_000_000)
    want = straight(config())
    assert want[0] == 0
    got = split_run(config(), n, str(tmp_path / "vm.snap"))
    assert (got[2], got[1], got[0]) == (want[2], want[1], want[0])
