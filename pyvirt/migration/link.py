"""The simulated migration link: transfer times are computed, never measured, so downtime and
total migration time are reproducible numbers."""
from dataclasses import dataclass

DEFAULT_MBPS = 1000.0            # Mbit/s
DEFAULT_LATENCY_US = 100.0       # microseconds, one way


@dataclass(frozen=True)
class Link:
    bandwidth: float       # bytes per second
    latency: float         # seconds, one way

    @classmethod
    def from_units(cls, mbps: float, latency_us: float) -> "Link":
        """A link of mbps Mbit/s and latency_us microseconds."""
        return cls(bandwidth=mbps * 1e6 / 8, latency=latency_us * 1e-6)

    def seconds(self, nbytes: int) -> float:
        """Time to deliver nbytes as one message: latency plus serialization at the bandwidth."""
        return self.latency + nbytes / self.bandwidth
