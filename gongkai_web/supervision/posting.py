"""The shape every form POST of supervision shares: validate the form, run the one service function,
and on success go where ``done`` says (a redirect, with its message); on bad input or a refusal of the
service (``GongkaiError``: its message on the form) show the page again with the form, status 400."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpResponse

from gongkai.errors import GongkaiError


def run_form(
    form: forms.Form,
    act: Callable[[dict[str, Any]], Any],
    *,
    done: Callable[[Any], HttpResponse],
    again: Callable[[forms.Form], HttpResponse],
) -> HttpResponse:
    if form.is_valid():
        try:
            result = act(form.cleaned_data)
        except GongkaiError as exc:
            form.add_error(None, exc.message)
        else:
            return done(result)
    return again(form)
