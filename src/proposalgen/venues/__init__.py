"""Venue presets, one YAML file per venue and year (``iclr-2026.yaml``)."""
