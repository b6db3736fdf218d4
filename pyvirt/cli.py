"""The `pyvirt` command. Host-side errors become one line `pyvirt: error: ...` and exit status 2."""
import argparse
import importlib
import os
import sys
from typing import List, Optional

from pyvirt import __version__
from pyvirt.config import MMU_MODES, SHADOW_POLICIES, MachineConfig, parse_drive
from pyvirt.console import StdinSource
from pyvirt.costmodel import load_profile
from pyvirt.errors import PyvirtError
from pyvirt.migration import cli as migration_cli
from pyvirt.snapshot import cli as snapshot_cli

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
MODES = ("native", "trap", "pv", "hvm")
MIN_RAM, MAX_RAM, PAGE = 1 << 20, 16 << 30, 4096
_SUFFIXES = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
# Verbs whose logic lives in a module of its own (like kvmtool's builtin-<verb>.c): add_parser(), main(args).
VERBS = {"experiment": "pyvirt.experiments.cmd_experiment",
         "host": "pyvirt.migration.cmd_host",
         "migrate": "pyvirt.migration.cmd_migrate",
         "reproduce": "pyvirt.experiments.cmd_reproduce",
         "report": "pyvirt.report.cmd_report"}


class _Parser(argparse.ArgumentParser):
    """argparse that raises PyvirtError instead of printing usage and exiting."""

    def error(self, message):
        raise PyvirtError(message)


def _is_decimal(text: str) -> bool:
    return text.isascii() and text.isdigit()


def parse_size(text: str) -> int:
    """'4096', '64K', '128M', '2G' (binary multiples, case-insensitive) -> bytes."""
    digits, mult = text, 1
    if text[-1:].upper() in _SUFFIXES:
        digits, mult = text[:-1], _SUFFIXES[text[-1].upper()]
    if not _is_decimal(digits):
        raise argparse.ArgumentTypeError(f"invalid size '{text}' (bytes, or a number with K, M or G)")
    return int(digits) * mult


def _ram_size(text: str) -> int:
    size = parse_size(text)
    if not MIN_RAM <= size <= MAX_RAM:
        raise argparse.ArgumentTypeError(f"RAM size {text} must be between 1M and 16G")
    if size % PAGE:
        raise argparse.ArgumentTypeError(f"RAM size {text} must be a multiple of 4K")
    return size


def _positive_int(text: str) -> int:
    if not _is_decimal(text) or int(text) == 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not a positive integer")
    return int(text)


def _power_of_two(text: str) -> int:
    value = _positive_int(text)
    if value & (value - 1):
        raise argparse.ArgumentTypeError(f"{value} is not a power of two")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pyvirt", description="RISC-V RV64 virtualization laboratory")
    parser.add_argument("--version", action="version", version=f"pyvirt {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser("run", help="boot a guest kernel")
    run.add_argument("kernel", metavar="KERNEL", nargs="?", help="guest ELF image (none with --restore)")
    run.add_argument("--mode", choices=MODES, default="native", help="virtualization mode")
    run.add_argument("--bios", choices=("builtin", "none"), default="builtin",
                     help="builtin: pyvirt SBI, kernel in S-mode at 0x80200000; none: M-mode at 0x80000000")
    run.add_argument("--mem", type=_ram_size, default=128 << 20, metavar="SIZE", help="RAM size (default 128M)")
    run.add_argument("--drive", action="append", default=[], metavar="FILE", help="disk image: PATH or file=PATH,if=virtio|pio (repeatable)")
    run.add_argument("--append", default="", metavar="ARGS", help="kernel command line (/chosen/bootargs)")
    run.add_argument("--profile", default="default", metavar="NAME|FILE", help="cost profile")
    run.add_argument("--stats", metavar="FILE", help="write JSON statistics to FILE")
    run.add_argument("--stats-text", action="store_true", help="print a statistics summary to stderr")
    run.add_argument("--max-insns", type=_positive_int, metavar="N", help="stop after N instructions")
    run.add_argument("--tlb-entries", type=_power_of_two, default=64, metavar="N", help="TLB entries")
    run.add_argument("--tlb-ways", type=_power_of_two, default=4, metavar="N", help="TLB associativity")
    run.add_argument("--shadow-policy", choices=SHADOW_POLICIES, default="trace",
                     help="trap mode: keep shadow page tables coherent by tracing guest page-table writes "
                          "(trace) or by resyncing on sfence.vma (resync)")
    run.add_argument("--mmu", choices=MMU_MODES, default="nested",
                     help="hvm mode: nested paging (two-stage translation) or shadow page tables")
    run.add_argument("--hvm", default="", metavar="CONTROLS",
                     help="hvm mode: VMCS controls and options, comma-separated NAME=VALUE (docs/hvm.md)")
    snapshot_cli.add_arguments(run)
    migration_cli.add_arguments(run)
    for module in VERBS.values():
        importlib.import_module(module).add_parser(commands)
    return parser


def _check_regular_file(path: str, what: str) -> None:
    if not os.path.exists(path):
        raise PyvirtError(f"{path}: {what} not found")
    if not os.path.isfile(path):
        raise PyvirtError(f"{path}: {what} is not a regular file")


def _check_stats_path(path: str) -> None:
    """Fail before the run, not after it, when the statistics file cannot be created."""
    directory = os.path.dirname(path) or "."
    if os.path.isdir(path):
        raise PyvirtError(f"{path}: statistics file is a directory")
    if not os.path.isdir(directory):
        raise PyvirtError(f"{path}: directory {directory} does not exist")


def config_from_args(args: argparse.Namespace) -> MachineConfig:
    """Validate what argparse cannot check alone and build the MachineConfig."""
    _check_regular_file(args.kernel, "kernel")
    interfaces = []
    for drive in args.drive:
        path, interface = parse_drive(drive)
        _check_regular_file(path, "drive")
        interfaces.append(interface)
    if interfaces.count("pio") > 1:
        raise PyvirtError("only one drive can use if=pio (the board has one PIO disk controller)")
    if args.hvm and args.mode != "hvm":
        raise PyvirtError(f"--hvm applies to --mode hvm only (not --mode {args.mode})")
    if args.tlb_entries % args.tlb_ways:
        raise PyvirtError(f"--tlb-entries {args.tlb_entries} is not divisible by --tlb-ways {args.tlb_ways}")
    load_profile(args.profile)
    if args.stats:
        _check_stats_path(args.stats)
    return MachineConfig(
        kernel=args.kernel, mode=args.mode, bios=args.bios, mem_bytes=args.mem,
        drives=list(args.drive), append=args.append, profile=args.profile,
        stats_path=args.stats, stats_text=args.stats_text, max_insns=args.max_insns,
        tlb_entries=args.tlb_entries, tlb_ways=args.tlb_ways, shadow_policy=args.shadow_policy,
        mmu=args.mmu, hvm=args.hvm,
    )


def _run(args: argparse.Namespace) -> int:
    """The `run` verb: boot KERNEL, or continue a snapshot (--restore); --snapshot-at pauses."""
    snapshot_cli.check(args)
    migration_cli.check(args)
    # Imported here so that option errors and --help never load the compiled machine.
    hypervisors = importlib.import_module("pyvirt.hypervisors")
    if args.restore:
        if args.stats:
            _check_stats_path(args.stats)
        vmm = snapshot_cli.restore(args, hypervisors.create, StdinSource.for_stdin())
    else:
        vmm = hypervisors.create(config_from_args(args), input_source=StdinSource.for_stdin())
    if args.migrate_to:
        return migration_cli.run(vmm, args)
    return snapshot_cli.run(vmm, args)


def _fail(message: str, status: int) -> int:
    print(f"pyvirt: {message}".replace("\n", " "), file=sys.stderr)
    return status


def main(argv: Optional[List[str]] = None) -> int:
    """Entry point of `pyvirt` / `python -m pyvirt`; returns the exit status."""
    try:
        args = build_parser().parse_args(argv)
        if args.command in VERBS:
            return importlib.import_module(VERBS[args.command]).main(args)
        return _run(args)
    except PyvirtError as e:
        return _fail(f"error: {e}", EXIT_USAGE)
    except OSError as e:
        detail = f"{e.filename}: {e.strerror}" if e.filename else str(e)
        return _fail(f"error: {detail}", EXIT_USAGE)
    except KeyboardInterrupt:
        return _fail("interrupted", EXIT_INTERRUPTED)
