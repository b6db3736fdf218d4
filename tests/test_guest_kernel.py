"""The bundled guest kernel (guests/prebuilt/kernel-native.elf) runs every workload on pyvirt,
and its functional output matches QEMU's (default OpenSBI firmware) with timing numbers masked."""
import os
import re
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNEL = os.path.join(ROOT, "guests", "prebuilt", "kernel-native.elf")
QEMU = shutil.which("qemu-system-riscv64")
FIRST_LINE = "pyvirt kernel"
DISK_SECTORS = 4096           # the file store (2048 sectors) plus room for the disk workload


def pyvirt(append, *args, timeout=300):
    proc = subprocess.run([sys.executable, "-m", "pyvirt", "run", KERNEL, "--append", append, *args],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=timeout)
    return proc.returncode, proc.stdout, proc.stderr


def functional(output):
    """The output from the kernel's banner on, with decimal numbers (timings) masked."""
    start = output.find(FIRST_LINE)
    assert start >= 0, output[-2000:]
    text = output[start:].replace("\r\n", "\n")
    return re.sub(r"(?<![0-9a-fA-Fx])\d+(\.\d+)?", "N", text)


def done_lines(output):
    return dict(re.findall(r"^DONE name=(\S+) status=(\d+)$", output, re.M))


@pytest.fixture(scope="module")
def run_all():
    return pyvirt("run all")


def test_run_all_completes_natively(run_all):
    status, out, err = run_all
    assert status == 0, err
    done = done_lines(out)
    assert len(done) >= 14 and set(done.values()) == {"0"}, done
    assert "SUMMARY ran=14 failed=0" in out


def test_bench_lines_have_the_documented_format(run_all):
    benches = re.findall(r"^BENCH (.*)$", run_all[1], re.M)
    assert benches
    for line in benches:
        fields = dict(f.split("=", 1) for f in line.split())
        assert {"name", "iters", "cycles", "per_iter"} <= set(fields), line
        assert int(fields["iters"]) > 0 and int(fields["cycles"]) > 0


def test_two_runs_print_identical_output(run_all):
    assert pyvirt("run all")[1] == run_all[1]


@pytest.mark.parametrize("driver,interface", [("pio", "pio"), ("virtio", "virtio")])
def test_disk_workload(tmp_path, driver, interface):
    image = tmp_path / "disk.img"
    image.write_bytes(bytes(512 * DISK_SECTORS))
    status, out, err = pyvirt(f"run disk {driver}", "--drive", f"file={image},if={interface}")
    assert status == 0, out + err
    assert done_lines(out) == {"disk": "0"}
    assert re.search(rf"^BENCH name=disk\S* .*driver={driver}", out, re.M), out


@pytest.mark.skipif(QEMU is None, reason="qemu-system-riscv64 (Debian qemu-system-misc) is not installed")
def test_functional_output_matches_qemu(run_all):
    proc = subprocess.run([QEMU, "-machine", "virt", "-nographic", "-m", "128M", "-kernel", KERNEL,
                           "-append", "run all"], capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert functional(proc.stdout) == functional(run_all[1])


@pytest.mark.skipif(QEMU is None, reason="qemu-system-riscv64 (Debian qemu-system-misc) is not installed")
def test_virtio_disk_workloads_match_qemu(tmp_path):
    append = "run build; run disk virtio"
    outputs = []
    for name in ("qemu", "pyvirt"):
        image = tmp_path / f"{name}.img"
        image.write_bytes(bytes(512 * DISK_SECTORS))
        if name == "pyvirt":
            status, out, err = pyvirt(append, "--drive", str(image))
            assert status == 0, out + err
        else:
            proc = subprocess.run([QEMU, "-machine", "virt", "-nographic", "-m", "128M", "-kernel", KERNEL,
                                   "-append", append, "-global", "virtio-mmio.force-legacy=false",
                                   "-drive", f"file={image},if=none,format=raw,id=d0",
                                   "-device", "virtio-blk-device,drive=d0"],
                                  capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=600)
            assert proc.returncode == 0, proc.stdout[-2000:]
            out = proc.stdout
        assert done_lines(out) == {"build": "0", "disk": "0"}, out
        outputs.append(functional(out))
    assert outputs[0] == outputs[1]
    assert "virtio" in outputs[1]
