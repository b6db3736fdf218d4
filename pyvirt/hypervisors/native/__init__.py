"""Native mode: the guest runs directly on the emulated machine; the built-in SBI (or nothing,
with --bios none) owns M-mode."""
from pyvirt.hypervisors.native.vmm import NativeVMM

__all__ = ["NativeVMM"]
