"""Builds pyvirt's Cython extensions (the hart, MMU, CSR file, traps and the bus, and the hot
paths of the trap, pv and hvm VMMs)."""
from setuptools import setup, Extension
from Cython.Build import cythonize

MODULES = {
    "pyvirt.machine": ["hart", "mmu", "csr", "trap", "pmp", "bus", "nested", "vmx"],
    "pyvirt.hypervisors.trap": ["vcpu", "shadow", "core"],      # the trap-and-emulate VMM
    "pyvirt.hypervisors.pv": ["paging", "core"],                # the paravirtual VMM
    "pyvirt.hypervisors.hvm": ["shadowing"],                    # shadow paging under hardware assist
}

extensions = [
    Extension(f"{package}.{name}", [f"{package.replace('.', '/')}/{name}.pyx"],
              extra_compile_args=["-O3", "-fno-strict-aliasing", "-Wno-unused-function"])
    for package, names in MODULES.items() for name in names
]

setup(
    ext_modules=cythonize(extensions, compiler_directives={"language_level": "3"}, quiet=True),
)
