"""`python -m pyvirt` runs the pyvirt command."""
import sys

from pyvirt.cli import main

sys.exit(main())
