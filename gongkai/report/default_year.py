"""Which year a staff report page opens on: last calendar year, since a year's report is published in the
next (条例第四十九条: by 31 January); when that year has no records yet but an earlier one has, the latest
such year, so the page does not open on an empty table."""

from __future__ import annotations

import datetime as dt


def default_report_year(today: dt.date, latest_with_records: int | None) -> int:
    """``latest_with_records``: the latest year up to last year that has records (None when none has)."""
    last_year = today.year - 1
    if latest_with_records is None or latest_with_records >= last_year:
        return last_year
    return latest_with_records
