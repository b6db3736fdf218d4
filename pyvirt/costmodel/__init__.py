"""Cost model: simulated cycles per instruction class and per event, loaded from sourced profiles."""
from pyvirt.costmodel.profile import (CPI_KEYS, EVENT_KEYS, HYPERVISOR_TYPES, MTIME_HZ, Profile,
                                      available_profiles, load_profile)

__all__ = ["CPI_KEYS", "EVENT_KEYS", "HYPERVISOR_TYPES", "MTIME_HZ", "Profile", "available_profiles",
           "load_profile"]
