"""The public pages' views. Thin: look up, 404 if missing, render. Each takes the
edition it reads and its statement from `public.viewing.in_addresses`."""
