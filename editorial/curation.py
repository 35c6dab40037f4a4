"""The curation rules' dates, from settings (README, "Curation"): when a review is due, when a partnership is quiet."""

import calendar
import datetime

from django.conf import settings
from django.utils import timezone


def months_before(day, months):
    """The same day ``months`` earlier (the month's last day when that month is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def review_cutoff(today=None):
    """Records last reviewed before this day (or never) are due for review."""
    return months_before(today or timezone.localdate(), settings.CURATION_REVIEW_AFTER_MONTHS)


def quiet_since(today=None):
    """An active partnership with no activity on or after this day is quiet."""
    return months_before(today or timezone.localdate(), 12 * settings.CURATION_QUIET_YEARS)
