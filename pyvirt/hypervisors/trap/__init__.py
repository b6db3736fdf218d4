"""Trap mode: full virtualization by trap-and-emulate with shadow page tables."""
from pyvirt.hypervisors.trap.vmm import TrapVMM

__all__ = ["TrapVMM"]
