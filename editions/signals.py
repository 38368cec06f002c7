"""What publishing tells the rest of the site, which editions/ must not import."""

from django.dispatch import Signal

# Sent inside the publishing transaction, once the new edition is saved, with `edition`:
# whatever is worked out from an edition and kept with it commits with it, or not at all.
edition_published = Signal()
