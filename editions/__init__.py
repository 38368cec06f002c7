"""Publishing: the working copy frozen into editions, what changed between them, and
reading editions back (DESIGN.md section 1). Public pages and the feed build on this."""
