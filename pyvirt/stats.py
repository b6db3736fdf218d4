"""Run statistics: one JSON document per run (deterministic: simulated quantities only, no
wall-clock time) and a short text summary."""
import json

import pyvirt


def collect(vmm):
    """All statistics of a finished (or running) VMM as plain data."""
    board = vmm.board
    hart_stats = board.hart.stats()
    devices = {}
    device_cost = vmm.profile.events["device_access"]
    for name, counts in board.bus.device_stats().items():
        accesses = counts["reads"] + counts["writes"]
        entry = {"reads": counts["reads"], "writes": counts["writes"], "cycles": accesses * device_cost}
        extra = board.devices[name].stats()
        if extra:
            entry["device"] = extra
        devices[name] = entry
    result = {
        "pyvirt_version": pyvirt.__version__,
        "mode": vmm.mode,
        "kernel": vmm.config.kernel,
        "bios": vmm.config.bios,
        "mem_bytes": vmm.config.mem_bytes,
        "append": vmm.config.append,
        "profile": vmm.profile.to_dict(),
        "exit": {"status": vmm.status, "power": board.power.kind, "diagnostic": vmm.diagnostic},
        **hart_stats,
        "devices": devices,
    }
    sbi = getattr(vmm, "sbi", None)
    if sbi is not None:
        result["firmware"] = {"sbi_calls": dict(sbi.calls)}
    return result


def write_json(path, stats):
    with open(path, "w") as f:
        json.dump(stats, f, indent=2)
        f.write("\n")


def summary(stats):
    """A few human-readable lines."""
    insns = stats["instructions"]
    cycles = stats["cycles"]
    lines = [
        f"instructions: {insns['total']} (user {insns['user']}, supervisor {insns['supervisor']}, "
        f"machine {insns['machine']})",
        f"cycles: {cycles['total']}  " + ", ".join(f"{k} {v}" for k, v in cycles["by_category"].items() if v),
        "traps: " + (", ".join(f"{k} {v}" for k, v in {**stats["traps"]["exceptions"],
                                                       **stats["traps"]["interrupts"]}.items()) or "none"),
        f"tlb: hits {stats['tlb']['hits']}, misses {stats['tlb']['misses']}, "
        f"walk refs {stats['tlb']['walk_refs']}, flushes {stats['tlb']['flushes']}",
        "devices: " + (", ".join(f"{k} {v['reads'] + v['writes']}" for k, v in stats["devices"].items()
                                 if v["reads"] + v["writes"]) or "none"),
    ]
    trap = stats.get("trap")
    if trap:                          # trap mode: the VMM's exits by reason and its shadow MMU
        reasons = sorted(trap["by_reason"].items(), key=lambda kv: -kv[1]["vmm_cycles"])
        lines.append(f"vm exits: {trap['exits']}  " + ", ".join(
            f"{k} {v.get('exits', v.get('count'))}" for k, v in reasons))
        shadow = trap["shadow"]
        lines.append(f"shadow ({shadow['policy']}): hidden faults {shadow['hidden_faults']}, true faults "
                     f"{shadow['true_faults']}, traced writes {shadow['traced_writes']}, resyncs "
                     f"{shadow['resyncs']}, live tables {shadow['live_tables']}")
    hvm = stats.get("hvm")
    if hvm:                           # hvm mode: VM exits by reason, the second stage's walks
        reasons = sorted(hvm["by_reason"].items(), key=lambda kv: -kv[1]["exits"])
        lines.append(f"vm exits ({hvm['mmu']}): {hvm['exits']}  " + ", ".join(f"{k} {v['exits']}" for k, v in reasons))
        if "nested" in hvm:
            lines.append("nested: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in hvm["nested"].items()))
    return "\n".join(lines)
