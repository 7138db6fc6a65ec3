"""Keep personal data out of the logs (issue 11, item 4).

What the platform logs today carries none: ``django.request`` writes "Internal Server Error: <path>"
and the traceback (no local variables, no request body); the audit trail's data holds dates, codes and
the handler's reasons, never the applicant's identifiers. Two places could still let them through:

* the development server's request lines (``django.server``, used by ``bin/run``) include the query
  string — a worklist search for a name or a phone number (``?q=…``) would be written to the console;
* an error report that includes the request (Django's ``AdminEmailHandler`` if ``ADMINS`` is ever set,
  the technical 500 page under DEBUG) lists the POST parameters: an application form's name, ID number,
  phone and address.

``PersonalDataFilter`` (a ``logging.Filter``) drops query strings from request lines and masks, in any
message and traceback, whatever has the shape of an ID number, a mobile number or an e-mail address
(``gongkai.identifiers``' masks, as on the screens). ``NoPostedValuesReporterFilter`` hides every posted
value in error reports (the parameter names stay). To use them, in ``settings.py``::

    DEFAULT_EXCEPTION_REPORTER_FILTER = "gongkai_web.audit.logfilters.NoPostedValuesReporterFilter"
    LOGGING = {
        ...,
        "filters": {"personal_data": {"()": "gongkai_web.audit.logfilters.PersonalDataFilter"}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "level": "ERROR", "filters": ["personal_data"]},
                     "server": {"class": "logging.StreamHandler", "level": "INFO", "filters": ["personal_data"]}},
        "loggers": {..., "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False}},
    }
"""

from __future__ import annotations

import logging
import re

from django.views.debug import SafeExceptionReporterFilter

from gongkai import identifiers

#: A request line's target with its query string: "GET /path?a=b HTTP/1.1".
_QUERY = re.compile(r"(\b(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) [^\s?\"]*)\?[^\s\"]*")
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(?:\+?86)?1[3-9]\d{9}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def scrub(text: str) -> str:
    """``text`` without query strings in request lines, and with ID numbers, mobile numbers and e-mail
    addresses masked."""
    text = _QUERY.sub(r"\1?…", text)
    text = _ID_NUMBER.sub(lambda m: identifiers.mask_id_number(m.group(0)), text)
    text = _MOBILE.sub(lambda m: identifiers.mask_phone(m.group(0)), text)
    return _EMAIL.sub(lambda m: identifiers.mask_email(m.group(0)), text)


class PersonalDataFilter(logging.Filter):
    """Rewrites each record's message (arguments merged in) and its traceback through ``scrub``; keeps
    every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg, record.args = scrub(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True


class NoPostedValuesReporterFilter(SafeExceptionReporterFilter):
    """Error reports list the names of posted fields, never their values (an application form carries
    the applicant's name, ID number, phone and address), on top of Django's hiding of secret settings."""

    def get_post_parameters(self, request):
        if request is None:
            return {}
        cleansed = request.POST.copy()
        for key in cleansed:
            cleansed.setlist(key, [self.cleansed_substitute])
        return cleansed
