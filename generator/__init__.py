"""Transparency publisher: validates a county education bureau's disclosure data and builds its public site."""

__version__ = "0.1.0"
