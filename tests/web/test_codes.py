"""Query codes and passwords: the alphabet read aloud on the phone, every symbol in every place."""

from __future__ import annotations

from gongkai_web.applications import codes


def test_query_codes_and_passwords_use_every_symbol_of_the_alphabet_in_every_place():
    secrets = [codes.new_secret() for _ in range(3000)]
    assert all(len(s) == 10 and set(s) <= set(codes.ALPHABET) for s in secrets)
    for place in range(10):
        assert {s[place] for s in secrets} == set(codes.ALPHABET)  # misses one with odds below 1e-40
    assert len(set(secrets)) == 3000
    query = codes.new_query_code()
    assert query.startswith("GK") and len(query) == 12 and set(query[2:]) <= set(codes.ALPHABET)
    assert not set("01ILO") & set(codes.ALPHABET)
