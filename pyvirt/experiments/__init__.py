"""Experiment harnesses: runs of guests under modes and profiles, collected into results."""
