"""The host side of the guest console: output to the host's stdout, input from its stdin."""
import os
import select
import sys


class Console:
    """Guest console output to the host's stdout (buffered; the VMM flushes at each slice)."""

    def __init__(self, out=None):
        self.out = out if out is not None else sys.stdout.buffer

    def write(self, data):
        self.out.write(data)

    def flush(self):
        self.out.flush()


class StdinSource:
    """Console input from a host file descriptor: poll() returns what is available now."""

    def __init__(self, fd):
        self.fd = fd
        self.eof = False

    @classmethod
    def for_stdin(cls):
        """A source reading the host's stdin, or None when the process has no stdin."""
        try:
            return cls(sys.stdin.fileno())
        except (AttributeError, OSError, ValueError):
            return None

    def poll(self, block=False):
        if self.eof:
            return b""
        ready, _, _ = select.select([self.fd], [], [], None if block else 0)
        if not ready:
            return b""
        data = os.read(self.fd, 4096)
        if not data:
            self.eof = True
        return data
