"""One way to write dates across the site and the admin: "1 December 2026" and "1 December 2026, 14:05".

Django's English formats ("Dec. 1, 2026, 2:05 p.m.") take precedence over DATE_FORMAT in
settings, so the site's own formats live in a format module (settings.FORMAT_MODULE_PATH).
Inputs keep Django's formats: the admin's date and time fields still read 2026-12-01 and 14:05.
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
