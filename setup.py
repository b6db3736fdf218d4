"""Builds pyvirt's Cython extensions (the hart, MMU, CSR file, traps and the bus)."""
from setuptools import setup, Extension
from Cython.Build import cythonize

MACHINE_MODULES = ["hart", "mmu", "csr", "trap", "pmp", "bus"]

extensions = [
    Extension(f"pyvirt.machine.{name}", [f"pyvirt/machine/{name}.pyx"],
              extra_compile_args=["-O3", "-fno-strict-aliasing", "-Wno-unused-function"])
    for name in MACHINE_MODULES
]

setup(
    ext_modules=cythonize(extensions, compiler_directives={"language_level": "3"}, quiet=True),
)
