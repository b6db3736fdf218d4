"""The quick experiment of README's first command: the compute-bound bare-metal guests run
natively under two cost profiles; prints a results table and writes a figure of simulated
cycles by category. Simulated numbers are deterministic; host MIPS is a host measurement."""
import json
import os
import time

from pyvirt.config import MachineConfig
from pyvirt.hypervisors import create

WORKLOADS = ("intloop", "crc32", "qsort", "matmul")
PROFILES = ("unit", "default")


class _NullConsole:
    """Swallows guest console output (the demo prints its own table)."""

    def write(self, data):
        pass

    def flush(self):
        pass


def prebuilt_dir():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "..", "guests", "prebuilt"))


def run_one(workload, profile):
    """Run one guest; return its statistics plus the host wall time of the run."""
    config = MachineConfig(kernel=os.path.join(prebuilt_dir(), f"{workload}.elf"), bios="none", profile=profile)
    vmm = create(config, console=_NullConsole())
    start = time.perf_counter()
    status = vmm.run()
    seconds = time.perf_counter() - start
    stats = vmm.stats()
    return {"workload": workload, "profile": profile, "status": status, "host_seconds": seconds,
            "instructions": stats["instructions"]["total"], "cycles": stats["cycles"]["total"],
            "by_category": stats["cycles"]["by_category"]}


def table(rows):
    lines = [f"{'workload':<9} {'profile':<8} {'instructions':>13} {'cycles':>13} {'CPI':>6} {'host MIPS':>10}"]
    for r in rows:
        lines.append(f"{r['workload']:<9} {r['profile']:<8} {r['instructions']:>13,} {r['cycles']:>13,} "
                     f"{r['cycles'] / r['instructions']:>6.2f} {r['instructions'] / r['host_seconds'] / 1e6:>10.1f}")
    return "\n".join(lines)


def figure(rows, path):
    """Stacked bars: simulated cycles per category for each workload under the default profile."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    rows = [r for r in rows if r["profile"] == "default"]
    categories = [c for c in rows[0]["by_category"] if any(r["by_category"][c] for r in rows)]
    colours = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
    fig, ax = plt.subplots(figsize=(3.5, 2.6))
    bottoms = [0.0] * len(rows)
    for cat, colour in zip(categories, colours):
        values = [r["by_category"][cat] / 1e6 for r in rows]
        ax.bar([r["workload"] for r in rows], values, bottom=bottoms, label=cat, color=colour)
        bottoms = [b + v for b, v in zip(bottoms, values)]
    ax.set_ylabel("simulated cycles (millions)")
    ax.set_title("native, profile 'default'", fontsize=9)
    ax.legend(fontsize=7, frameon=False)
    fig.tight_layout()
    fig.savefig(path + ".pdf")
    fig.savefig(path + ".png", dpi=200)
    plt.close(fig)


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    rows = [run_one(w, p) for w in WORKLOADS for p in PROFILES]
    print(table(rows))
    with open(os.path.join(out_dir, "results.json"), "w") as f:
        json.dump([{k: v for k, v in r.items() if k != "host_seconds"} for r in rows], f, indent=2)
    figure(rows, os.path.join(out_dir, "cycles_by_category"))
    print(f"wrote {out_dir}/results.json and {out_dir}/cycles_by_category.{{pdf,png}}")
    return 0 if all(r["status"] == 0 for r in rows) else 1
