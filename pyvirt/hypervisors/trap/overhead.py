"""Trap mode's overhead by reason: where the cycles a run spends beyond native go.

    python3 -m pyvirt.hypervisors.trap.overhead NATIVE.json TRAP.json [--per N]

reads two statistics files of the same guest and workloads (`pyvirt run ... --stats`) and
prints one line per cycle category: native cycles, trap cycles, the difference and, for the
VMM's categories, the exits behind it (`--per N` divides by N, e.g. a workload's iterations).
The differences sum to the difference of the totals: every cycle has one category.
"""
import argparse
import json
import sys


def overhead_rows(native, trap):
    """[(category, native cycles, trap cycles, exits or None)] for every category either run
    has, the VMM's by exits, the rest by the size of the difference."""
    n_cat, t_cat = native["cycles"]["by_category"], trap["cycles"]["by_category"]
    reasons = trap.get("trap", {}).get("by_reason", {})
    rows = []
    for cat in sorted(set(n_cat) | set(t_cat)):
        n, t = n_cat.get(cat, 0), t_cat.get(cat, 0)
        if n == t == 0:
            continue
        exits = None
        if cat.startswith("vmm:"):
            entry = reasons.get(cat[4:], {})
            exits = entry.get("exits", entry.get("count"))
        elif cat == "trap_entry":
            exits = trap.get("trap", {}).get("exits")
        rows.append((cat, n, t, exits))
    rows.sort(key=lambda r: -abs(r[2] - r[1]))
    return rows


def format_table(native, trap, per=1):
    rows = overhead_rows(native, trap)
    unit = "" if per == 1 else f" (per {per})"
    out = [f"{'category':26s} {'native':>14s} {'trap':>14s} {'trap-native':>14s} {'exits':>10s}{unit}"]
    for cat, n, t, exits in rows:
        ex = "" if exits is None else f"{exits / per:10.2f}" if per != 1 else f"{exits:10d}"
        out.append(f"{cat:26s} {n / per:14.1f} {t / per:14.1f} {(t - n) / per:14.1f} {ex:>10s}")
    n_tot, t_tot = native["cycles"]["total"], trap["cycles"]["total"]
    out.append(f"{'total':26s} {n_tot / per:14.1f} {t_tot / per:14.1f} {(t_tot - n_tot) / per:14.1f}")
    return "\n".join(out)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m pyvirt.hypervisors.trap.overhead",
                                     description="trap mode's cycles beyond native, by category")
    parser.add_argument("native")
    parser.add_argument("trap")
    parser.add_argument("--per", type=int, default=1, help="divide by N (e.g. iterations)")
    args = parser.parse_args(argv)
    with open(args.native) as f:
        native = json.load(f)
    with open(args.trap) as f:
        trap = json.load(f)
    print(format_table(native, trap, args.per))
    return 0


if __name__ == "__main__":
    sys.exit(main())
