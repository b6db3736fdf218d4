"""The simulated migration link: transfer times are computed, never measured, so downtime and
total migration time are reproducible numbers."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    bandwidth: float       # bytes per second
    latency: float         # seconds, one way

    def seconds(self, nbytes: int) -> float:
        """Time to deliver nbytes as one message: latency plus serialization at the bandwidth."""
        return self.latency + nbytes / self.bandwidth
