"""pyvirt: a laboratory for virtualization research on an emulated RISC-V machine."""
__version__ = "0.1.0"
