"""Snapshots: the whole state of a VM in one file (docs/snapshots.md).

format.py    the file: header, sections, checksums, compression, atomic writes
codec.py     plain data (the get_state() dicts) <-> section bytes
disks.py     disk images as references plus sha256
machine.py   capture a VMM's state into sections and restore it into a fresh VMM
cli.py       `pyvirt run --snapshot-at N --snapshot FILE` and `pyvirt run --restore FILE`
checkpoint.py  boot-once checkpoints for the experiment harness
"""
