"""Ids the feed makes for records that have none of their own stay what they were."""

import uuid

from openreferral.feed import derived_id


def test_derived_ids_are_version_5_uuids_named_by_parent_and_parts():
    for parent in (uuid.uuid4() for _ in range(50)):
        for parts in (("area", "exampleton-north"), ("location",), ("a", "b", "c é")):
            expected = str(uuid.uuid5(parent, ":".join(parts)))
            assert derived_id(str(parent), *parts) == expected
