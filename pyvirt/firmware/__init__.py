"""Built-in firmware for S-mode kernels (the SBI)."""
