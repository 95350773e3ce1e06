"""Captures into the raw store: decoding, the store's index, sidecars, web archives, removal."""
