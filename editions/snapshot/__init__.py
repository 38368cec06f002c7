"""An edition's snapshot: built from the working copy, fingerprinted, and upgraded from
older formats when read (DESIGN.md section 1)."""

from .build import snapshot_build, snapshot_digest, snapshot_references_missing
from .schema import SCHEMA_VERSION, snapshot_upgrade

__all__ = [
    "SCHEMA_VERSION",
    "snapshot_build",
    "snapshot_digest",
    "snapshot_references_missing",
    "snapshot_upgrade",
]
