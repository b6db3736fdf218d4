"""Which guest pages changed since they were last sent. pyvirt finds them by comparing each
page of RAM with the copy last sent (numpy, one pass per round): a software stand-in for a
dirty log kept by the hart's stores and the devices' DMA. It sees every change, including
DMA; a page rewritten with identical contents counts as clean (a dirty log would resend it)."""
import numpy as np

from pyvirt.migration.stream import PAGE


class DirtyPages:
    """Tracks the pages of bus RAM that differ from what the destination has."""

    def __init__(self, bus):
        self.bus = bus
        self.pages = bus.ram_size // PAGE
        self.sent = None                     # RAM as last sent (None: nothing sent yet)

    def take(self):
        """(RAM now, the page numbers that differ from the last sent copy); they count as sent."""
        ram = self.bus.ram_bytes()
        if self.sent is None:
            frames = list(range(self.pages))
        else:
            now = np.frombuffer(ram, dtype=np.uint64).reshape(self.pages, PAGE // 8)
            then = np.frombuffer(self.sent, dtype=np.uint64).reshape(self.pages, PAGE // 8)
            frames = np.nonzero((now != then).any(axis=1))[0].tolist()
        self.sent = ram
        return ram, frames
