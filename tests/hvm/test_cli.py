"""hvm on the command line: --mmu and --hvm reach the VMM; bad controls are one-line errors
(exit status 2); --stats writes the hvm section."""
import json

import pytest

from pyvirt import cli
from tests.test_prebuilt import PREBUILT

HELLO = str(PREBUILT / "hello.elf")


def main(capsys, *argv):
    status = cli.main(["run", HELLO, "--bios", "none", "--mode", "hvm", *argv])
    out = capsys.readouterr()
    return status, out.out, out.err


@pytest.mark.parametrize("args,message", [
    (["--hvm", "bogus=1"], "--hvm: unknown control 'bogus'"),
    (["--hvm", "wfi=maybe"], "--hvm: wfi=maybe: expected on or off"),
    (["--hvm", "wfi"], "--hvm: 'wfi': expected NAME=VALUE"),
    (["--hvm", "exceptions=2+14"], "--hvm: exceptions: 14 is not an exception cause"),
    (["--hvm", "csr=nosuch"], "--hvm: csr: 'nosuch' is not a number"),
    (["--hvm", "csr=0x1000"], "--hvm: csr: 0x1000 is not a CSR number"),
    (["--hvm", "mmio=nodev"], "--hvm: mmio: no device 'nodev'"),
    (["--hvm", "ept-page=4m"], "--hvm: ept-page=4m: expected one of 4k, 2m, 1g"),
    (["--hvm", "preempt=-5"], "--hvm: preempt: must be between 0 and"),
    (["--hvm", f"preempt={1 << 64}"], "--hvm: preempt: must be between 0 and"),
    (["--mmu", "shadow", "--hvm", "satp=off"], "--hvm: satp=off: --mmu shadow needs satp exiting"),
    (["--mmu", "shadow", "--hvm", "mmio=uart"], "--hvm: mmio: --mmu shadow needs mmio=all"),
    (["--mmu", "shadow", "--shadow-policy", "resync", "--hvm", "sfence=off"],
     "--hvm: sfence=off: --mmu shadow needs sfence exiting"),
    (["--mmu", "flat"], "argument --mmu: invalid choice: 'flat'"),
])
def test_bad_hvm_options_are_one_line_errors(capsys, args, message):
    status, _, err = main(capsys, *args)
    assert status == 2
    assert err.startswith("pyvirt: error: ") and message in err and err.count("\n") == 1, err


def test_hvm_controls_need_hvm_mode(capsys):
    status = cli.main(["run", HELLO, "--bios", "none", "--hvm", "wfi=off"])
    err = capsys.readouterr().err
    assert status == 2 and err == "pyvirt: error: --hvm applies to --mode hvm only (not --mode native)\n"


def test_stats_file_has_the_hvm_section(capsys, tmp_path):
    path = tmp_path / "s.json"
    status, out, _ = main(capsys, "--hvm", "vpid=off,pwc=on,csr=m+time:r", "--stats", str(path))
    assert status == 0 and "hello" in out
    stats = json.loads(path.read_text())
    assert stats["mode"] == "hvm" and stats["hvm"]["exits"] > 0
    assert stats["cycles"]["total"] == sum(stats["cycles"]["by_category"].values())


def test_profile_controls_apply_before_the_command_line(capsys, tmp_path):
    from pyvirt.costmodel.profile import PROFILES_DIR
    text = (PROFILES_DIR / "unit.toml").read_text()
    profile = tmp_path / "p.toml"
    profile.write_text(text.replace("[model]\n", '[model]\nhvm = "csr=none,mmio=none"\n') if "[model]" in text
                       else text.replace("[cpi]", '[model]\nhvm = "csr=none,mmio=none"\n\n[cpi]'))
    path = tmp_path / "s.json"
    assert main(capsys, "--profile", str(profile), "--stats", str(path))[0] == 0
    assert json.loads(path.read_text())["hvm"]["exits"] == 0              # nothing exits
    assert main(capsys, "--profile", str(profile), "--hvm", "mmio=uart", "--stats", str(path))[0] == 0
    reasons = json.loads(path.read_text())["hvm"]["by_reason"]
    assert list(reasons) == ["ept_violation"] and reasons["ept_violation"]["exits"] > 0
