"""pv mode: the paravirtual VMM (hypercalls, direct paging, event channels)."""
from pyvirt.hypervisors.pv.vmm import PvVMM

__all__ = ["PvVMM"]
