"""An Open Referral UK feed (HSDS 3.0 UK profile, and version 1's names) into the working
copy: reading it (fetch.py), each record read into what the working copy holds
(mapping.py), brought in step with what officers did since the last import
(applying.py, with imports/sync.py), and the account of what it did (report.py)."""

from .applying import EVERYTHING, Selection, feed_import, feed_source
from .fetch import MAX_BYTES, FeedProblem, feed_from_file, feed_from_url
from .report import FeedReport, report_csv

__all__ = [
    "EVERYTHING",
    "MAX_BYTES",
    "FeedProblem",
    "FeedReport",
    "Selection",
    "feed_from_file",
    "feed_from_url",
    "feed_import",
    "feed_source",
    "report_csv",
]
