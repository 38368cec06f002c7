"""The Open Referral UK feed (HSDS 3.0, UK profile) of the current edition: the mapping
from an edition to the profile's records, its selectors, the query parameters as a form,
and the read-only API's views."""
