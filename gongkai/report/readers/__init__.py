"""Readers turn one file format into the format-neutral ``Document`` / token stream (see ``document``)."""
