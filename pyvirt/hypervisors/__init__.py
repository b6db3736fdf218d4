"""The virtualization modes. Each mode is a package with a VMM class that owns the run loop:
`create(config)` builds it, `.run()` returns the guest's exit status, `.stats()` the statistics."""
from pyvirt.errors import PyvirtError

MODES = ("native", "trap", "pv", "hvm")


def create(config, **kwargs):
    """The VMM for config.mode (kwargs: console=, input_source= for the VMM constructor)."""
    if config.mode == "native":
        from pyvirt.hypervisors.native import NativeVMM
        return NativeVMM(config, **kwargs)
    if config.mode == "trap":
        from pyvirt.hypervisors.trap import TrapVMM
        return TrapVMM(config, **kwargs)
    if config.mode == "pv":
        from pyvirt.hypervisors.pv import PvVMM
        return PvVMM(config, **kwargs)
    if config.mode == "hvm":
        from pyvirt.hypervisors.hvm import HvmVMM
        return HvmVMM(config, **kwargs)
    raise PyvirtError(f"unknown mode '{config.mode}' (choose from {', '.join(MODES)})")
