"""Builds pyvirt's Cython extensions (the hart, MMU, CSR file, traps and the bus)."""
from setuptools import setup, Extension
from Cython.Build import cythonize

MACHINE_MODULES = ["hart", "mmu", "csr", "trap", "pmp", "bus", "nested", "vmx"]
TRAP_MODULES = ["vcpu", "shadow", "core"]          # pyvirt/hypervisors/trap: the trap-and-emulate VMM
PV_MODULES = ["paging", "core"]                    # pyvirt/hypervisors/pv: the paravirtual VMM
HVM_MODULES = ["shadowing"]                         # pyvirt/hypervisors/hvm: shadow paging under hardware assist

extensions = [
    Extension(f"pyvirt.machine.{name}", [f"pyvirt/machine/{name}.pyx"],
              extra_compile_args=["-O3", "-fno-strict-aliasing", "-Wno-unused-function"])
    for name in MACHINE_MODULES
] + [
    Extension(f"pyvirt.hypervisors.trap.{name}", [f"pyvirt/hypervisors/trap/{name}.pyx"],
              extra_compile_args=["-O3", "-fno-strict-aliasing", "-Wno-unused-function"])
    for name in TRAP_MODULES
] + [
    Extension(f"pyvirt.hypervisors.pv.{name}", [f"pyvirt/hypervisors/pv/{name}.pyx"],
              extra_compile_args=["-O3", "-fno-strict-aliasing", "-Wno-unused-function"])
    for name in PV_MODULES
] + [
    Extension(f"pyvirt.hypervisors.hvm.{name}", [f"pyvirt/hypervisors/hvm/{name}.pyx"],
              extra_compile_args=["-O3", "-fno-strict-aliasing", "-Wno-unused-function"])
    for name in HVM_MODULES
]

setup(
    ext_modules=cythonize(extensions, compiler_directives={"language_level": "3"}, quiet=True),
)
