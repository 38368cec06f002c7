"""An edition's snapshot: its records declared once (records.py), built from the working
copy (build.py), and upgraded from older formats when read (schema.py; DESIGN.md
section 1)."""

from .build import snapshot_build, snapshot_digest, snapshot_references_missing
from .records import Snapshot, snapshot_data, snapshot_decoded
from .schema import SCHEMA_VERSION, snapshot_upgrade

__all__ = [
    "SCHEMA_VERSION",
    "Snapshot",
    "snapshot_build",
    "snapshot_data",
    "snapshot_decoded",
    "snapshot_digest",
    "snapshot_references_missing",
    "snapshot_upgrade",
]
