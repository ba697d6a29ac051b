"""Shared base of the Kunnskapsassistent pipeline: version, errors and data paths."""

__version__ = "0.1.0"
