"""Device models of the QEMU-virt board (docs/architecture.md, "Device interface")."""
from pyvirt.devices.clint import Clint
from pyvirt.devices.device import Device
from pyvirt.devices.plic import Plic
from pyvirt.devices.sifive_test import SifiveTest
from pyvirt.devices.uart16550 import Uart16550

__all__ = ["Clint", "Device", "Plic", "SifiveTest", "Uart16550"]
