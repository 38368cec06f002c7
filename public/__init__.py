"""The public pages families read: the page family (current, pinned and preview), the
published read model and everything worked out from it (finder, checker, glossary,
figures, structured data), the page cache and the housekeeping addresses."""
