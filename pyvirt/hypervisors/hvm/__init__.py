"""Hvm mode: hardware-assisted virtualization (VT-x style VMCS, VM exits, nested paging)."""
from pyvirt.hypervisors.hvm.vmm import HvmVMM

__all__ = ["HvmVMM"]
