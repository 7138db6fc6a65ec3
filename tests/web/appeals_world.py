"""Builders of 复议 and 诉讼 cases on the personas' world (tests/web/fixtures.py): agency A's handler 李四
registers them through the services."""

from __future__ import annotations

import datetime as dt

from gongkai_web.appeals import services

from .fixtures import clock_at

#: Fri 2025-09-26, the Friday before National Day 2025 (legal-rules §4.5 example A).
RECEIVED = dt.date(2025, 9, 26)


def make_case(world, *, kind: str = "review", route: str = "", received: dt.date = RECEIVED, **kw):
    return services.register_appeal(
        kw.pop("agency", world.a),
        kind=kind,
        route=route,
        body=kw.pop("body", "渝中区人民政府" if kind == "review" else "重庆市渝中区人民法院"),
        appellant=kw.pop("appellant", "张三"),
        act=kw.pop("act", "《政府信息公开申请答复书》（渝中财依复〔2025〕12号）"),
        received_on=received,
        applications=kw.pop("applications", [world.app_a]),
        actor=kw.pop("actor", world.lisi),
        clock=kw.pop("clock", clock_at(received)),
        **kw,
    )
