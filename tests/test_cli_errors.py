"""CLI: every host-side error is one line `pyvirt: error: ...`, exit status 2, no traceback."""
import os
import subprocess
import sys
import types

import pytest

from pyvirt import cli
from pyvirt.errors import PyvirtError

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def kernel(tmp_path):
    path = tmp_path / "kernel.elf"
    path.write_bytes(b"\x7fELF")      # the CLI only checks that the file exists
    return str(path)


@pytest.fixture
def fake_vmm(monkeypatch):
    """Replace pyvirt.hypervisors with a stub; `vmm.run` is what create(config).run() does."""
    vmm = types.SimpleNamespace(configs=[], run=lambda: 0, create_error=None)

    def create(config, **kwargs):
        if vmm.create_error:
            raise vmm.create_error
        vmm.configs.append(config)
        return types.SimpleNamespace(run=vmm.run)
    monkeypatch.setitem(sys.modules, "pyvirt.hypervisors", types.SimpleNamespace(create=create))
    return vmm


def run_main(capsys, *argv):
    status = cli.main(list(argv))
    return status, capsys.readouterr().err


def assert_error(status, err, words, expected_status=2):
    assert status == expected_status
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("pyvirt: error: " if expected_status == 2 else "pyvirt: ")
    assert words in lines[0]
    assert "Traceback" not in err


# --- the happy path, so the error tests below fail for the right reason ---------------------

def test_run_builds_config_and_returns_guest_status(capsys, kernel, tmp_path, fake_vmm):
    drive = tmp_path / "disk.img"
    drive.write_bytes(bytes(512))
    fake_vmm.run = lambda: 3
    status, err = run_main(capsys, "run", kernel, "--mem", "64M", "--drive", str(drive), "--drive", str(drive),
                           "--append", "console=ttyS0", "--profile", "unit", "--stats", str(tmp_path / "s.json"),
                           "--stats-text", "--max-insns", "1000", "--tlb-entries", "128", "--tlb-ways", "8",
                           "--bios", "none")
    assert (status, err) == (3, "")
    config = fake_vmm.configs[0]
    assert config.kernel == kernel and config.mode == "native" and config.bios == "none"
    assert config.mem_bytes == 64 << 20 and config.drives == [str(drive)] * 2
    assert config.append == "console=ttyS0" and config.profile == "unit"
    assert config.stats_path == str(tmp_path / "s.json") and config.stats_text
    assert (config.max_insns, config.tlb_entries, config.tlb_ways) == (1000, 128, 8)


@pytest.mark.parametrize("text,size", [("1048576", 1 << 20), ("1024K", 1 << 20), ("128m", 128 << 20),
                                       ("16G", 16 << 30)])
def test_size_suffixes(capsys, kernel, fake_vmm, text, size):
    assert run_main(capsys, "run", kernel, "--mem", text)[0] == 0
    assert fake_vmm.configs[0].mem_bytes == size


def test_defaults(capsys, kernel, fake_vmm):
    run_main(capsys, "run", kernel)
    config = fake_vmm.configs[0]
    assert (config.mode, config.bios, config.mem_bytes, config.profile) == ("native", "builtin", 128 << 20, "default")


# --- argparse errors ----------------------------------------------------------------------

def test_no_command(capsys):
    assert_error(*run_main(capsys), "required: COMMAND")


def test_missing_kernel_argument(capsys):
    assert_error(*run_main(capsys, "run"), "required: KERNEL")


def test_unknown_option(capsys, kernel):
    assert_error(*run_main(capsys, "run", kernel, "--bogus"), "unrecognized arguments: --bogus")


def test_bad_mode(capsys, kernel):
    assert_error(*run_main(capsys, "run", kernel, "--mode", "fast"), "argument --mode: invalid choice")


@pytest.mark.parametrize("size,words", [("12X", "invalid size '12X'"), ("1.5G", "invalid size"), ("", "invalid size"),
                                        ("512K", "between 1M and 16G"), ("17G", "between 1M and 16G"),
                                        ("0", "between 1M and 16G"), ("1048577", "multiple of 4K")])
def test_bad_mem_size(capsys, kernel, size, words):
    status, err = run_main(capsys, "run", kernel, "--mem", size)
    assert_error(status, err, words)
    assert err.startswith("pyvirt: error: argument --mem: ")


@pytest.mark.parametrize("value", ["0", "-5", "ten"])
def test_bad_max_insns(capsys, kernel, value):
    assert_error(*run_main(capsys, "run", kernel, f"--max-insns={value}"), "argument --max-insns")


def test_tlb_entries_not_power_of_two(capsys, kernel):
    assert_error(*run_main(capsys, "run", kernel, "--tlb-entries", "48"), "48 is not a power of two")


def test_tlb_entries_not_divisible_by_ways(capsys, kernel):
    assert_error(*run_main(capsys, "run", kernel, "--tlb-entries", "4", "--tlb-ways", "8"),
                 "--tlb-entries 4 is not divisible by --tlb-ways 8")


# --- files ---------------------------------------------------------------------------------

def test_kernel_file_missing(capsys, tmp_path):
    assert_error(*run_main(capsys, "run", str(tmp_path / "nope.elf")), "nope.elf: kernel not found")


def test_kernel_is_a_directory(capsys, tmp_path):
    assert_error(*run_main(capsys, "run", str(tmp_path)), "kernel is not a regular file")


def test_drive_file_missing(capsys, kernel, tmp_path):
    assert_error(*run_main(capsys, "run", kernel, "--drive", str(tmp_path / "disk.img")), "disk.img: drive not found")


def test_drive_is_a_directory(capsys, kernel, tmp_path):
    assert_error(*run_main(capsys, "run", kernel, "--drive", str(tmp_path)), "drive is not a regular file")


def test_profile_unknown(capsys, kernel):
    assert_error(*run_main(capsys, "run", kernel, "--profile", "turbo"), "unknown profile 'turbo'")


def test_profile_file_invalid(capsys, kernel, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[profile]\nname = 'x'\n")
    assert_error(*run_main(capsys, "run", kernel, "--profile", str(bad)), "bad.toml: cpi: missing")


def test_stats_directory_missing(capsys, kernel, tmp_path):
    assert_error(*run_main(capsys, "run", kernel, "--stats", str(tmp_path / "no" / "s.json")), "does not exist")


def test_stats_path_is_a_directory(capsys, kernel, tmp_path):
    assert_error(*run_main(capsys, "run", kernel, "--stats", str(tmp_path)), "statistics file is a directory")


# --- errors raised after option checking -----------------------------------------------------

def test_pyvirt_error_from_create(capsys, kernel, fake_vmm):
    fake_vmm.create_error = PyvirtError("mode 'trap' is not implemented yet")
    assert_error(*run_main(capsys, "run", kernel, "--mode", "trap"), "mode 'trap' is not implemented yet")


def test_pyvirt_error_from_run(capsys, kernel, fake_vmm):
    def run():
        raise PyvirtError("kernel.elf: not a RISC-V ELF file (machine EM_X86_64)")
    fake_vmm.run = run
    assert_error(*run_main(capsys, "run", kernel), "not a RISC-V ELF file")


def test_os_error_writing_stats(capsys, kernel, tmp_path, fake_vmm):
    def run():
        raise PermissionError(13, "Permission denied", str(tmp_path / "s.json"))
    fake_vmm.run = run
    assert_error(*run_main(capsys, "run", kernel, "--stats", str(tmp_path / "s.json")), "s.json: Permission denied")


def test_keyboard_interrupt(capsys, kernel, fake_vmm):
    def run():
        raise KeyboardInterrupt
    fake_vmm.run = run
    assert_error(*run_main(capsys, "run", kernel), "interrupted", expected_status=130)


# --- through `python -m pyvirt` -------------------------------------------------------------

def python_m_pyvirt(*args):
    env = dict(os.environ, PYTHONPATH=REPO)
    return subprocess.run([sys.executable, "-m", "pyvirt", *args], capture_output=True, text=True, env=env)


def test_python_m_pyvirt_bad_size():
    result = python_m_pyvirt("run", "k.elf", "--mem", "12X")
    assert_error(result.returncode, result.stderr, "argument --mem: invalid size '12X'")
    assert result.stdout == ""


def test_python_m_pyvirt_missing_kernel(tmp_path):
    result = python_m_pyvirt("run", str(tmp_path / "absent.elf"))
    assert_error(result.returncode, result.stderr, "absent.elf: kernel not found")


def test_python_m_pyvirt_help_exits_zero():
    result = python_m_pyvirt("run", "--help")
    assert result.returncode == 0 and "--tlb-entries" in result.stdout
