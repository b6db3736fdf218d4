"""The snapshot options of `pyvirt run`:

    pyvirt run KERNEL ... --snapshot-at N --snapshot FILE   run N instructions, save, exit 0
    pyvirt run --restore FILE [--stats F] [--drive D]...   continue a saved run

With --restore the snapshot supplies the whole machine configuration: only the output
options, --max-insns, a new snapshot point and --drive (the same drives moved to other
files, with identical contents) may be given."""
import os
import sys

from pyvirt.errors import PyvirtError
from pyvirt.snapshot import disks, format, machine

# run options that define the machine: the snapshot's values win, so giving one is an error
MACHINE_OPTIONS = ("mode", "bios", "mem", "append", "profile", "tlb_entries", "tlb_ways", "shadow_policy", "mmu", "hvm")


def _instructions(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) == 0:
        raise PyvirtError(f"--snapshot-at: '{text}' is not a positive integer")
    return int(text)


def add_arguments(run) -> None:
    """Add the snapshot options to the `run` parser (after its machine options)."""
    run.add_argument("--snapshot-at", type=_instructions, metavar="N",
                     help="pause after exactly N guest instructions and write a snapshot (needs --snapshot)")
    run.add_argument("--snapshot", metavar="FILE", help="where --snapshot-at writes the snapshot")
    run.add_argument("--restore", metavar="FILE", help="continue the run saved in a snapshot FILE (no KERNEL)")
    # the machine options parse to None when not given; check() fills their defaults in, so
    # that --restore can refuse exactly the options the user gave
    defaults = {}
    for action in run._actions:
        if action.dest in MACHINE_OPTIONS:
            defaults[action.dest], action.default = action.default, None
    run.set_defaults(machine_defaults=defaults)


def check(args) -> None:
    """Refuse inconsistent snapshot options before anything runs; fill in the machine
    options' defaults."""
    if (args.snapshot_at is None) != (args.snapshot is None):
        raise PyvirtError("--snapshot-at N and --snapshot FILE go together")
    if args.snapshot is not None:
        directory = os.path.dirname(args.snapshot) or "."
        if os.path.isdir(args.snapshot) or not os.path.isdir(directory):
            raise PyvirtError(f"{args.snapshot}: cannot write a snapshot there (a directory, or no such directory)")
    given = [name for name in args.machine_defaults if getattr(args, name) is not None]
    for name, default in args.machine_defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, default)
    if args.restore is None:
        if args.kernel is None:
            raise PyvirtError("the following arguments are required: KERNEL (or --restore FILE)")
        return
    if args.kernel is not None:
        raise PyvirtError("--restore takes no KERNEL: the snapshot holds the machine")
    if given:
        raise PyvirtError(f"--{given[0].replace('_', '-')} cannot be combined with --restore "
                          f"(the snapshot holds the machine configuration)")


def restore(args, create, input_source):
    """A VMM rebuilt from the snapshot args.restore, ready to continue (create: hypervisors.create)."""
    data = machine.decode(format.read(args.restore), args.restore)
    drives = disks.rebind(data["disks"], args.drive)
    disks.verify(data["disks"], drives)
    overrides = {"stats_path": args.stats, "stats_text": args.stats_text, "drives": drives}
    if args.max_insns is not None:
        overrides["max_insns"] = args.max_insns
    vmm = create(machine.saved_config(data, **overrides), input_source=input_source,
                 profile=machine.saved_profile(data))
    machine.restore(vmm, data)
    return vmm


def run(vmm, args) -> int:
    """Run vmm; with --snapshot-at, pause there, write the snapshot and return 0."""
    vmm.pause_at = args.snapshot_at
    status = vmm.run()
    if args.snapshot_at is None:
        return status
    if not vmm.paused:
        raise PyvirtError(f"the guest stopped after {vmm.hart.instret} instructions, before --snapshot-at "
                          f"{args.snapshot_at}: no snapshot written")
    vmm.write_stats()                       # the run here ends at the snapshot
    size = format.write(args.snapshot, machine.capture(vmm))
    print(f"pyvirt: snapshot after {vmm.hart.instret} instructions written to {args.snapshot} ({size} bytes)",
          file=sys.stderr)
    return 0
