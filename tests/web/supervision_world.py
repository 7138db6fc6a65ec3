"""Builders of the supervision tests. 赵六 is the supervising office of A's district (渝中区); A (渝中区财政局)
is a department below it, 李四 and 钱七 work there; 王五 works for B, in another district. "Today" is
Thursday 4 May 2023, the day after the 劳动节 holiday (29 April – 3 May; Saturday 6 May a working day)."""

from __future__ import annotations

import datetime as dt

from gongkai_web.supervision import services

from .fixtures import clock_at

D = dt.date
TODAY = D(2023, 5, 4)
CLOCK = clock_at(TODAY)


def plan(world, **kw):
    return services.create_plan(
        kw.pop("office", world.district),
        name=kw.pop("name", "2023年政务公开工作要点任务清单"),
        year=2023,
        actor=world.zhaoliu,
        clock=CLOCK,
    )


def task(world, the_plan=None, **kw):
    values = {
        "title": "更新政府信息公开指南",
        "owner": "办公室主任",
        "due_on": D(2023, 6, 30),
        "measure": "对照条例第十二条逐项核对",
        "evidence_required": "更新后的指南链接和截图",
        **kw,
    }
    return services.issue_task(
        the_plan or plan(world),
        kw.pop("agency", world.a),
        actor=world.zhaoliu,
        clock=CLOCK,
        **{k: v for k, v in values.items() if k != "agency"},
    )


def widen(world):
    """The world with a city above both districts, for the personas of the supervision pages: 重庆市人民政府
    (``world.city_gov``) holds 渝中区人民政府 (赵六's district, with A) and 江北区人民政府 (no office of its
    own: its department B answers to the city). ``world.city`` works in the city's 政务公开办 (it sees
    the whole tree); ``world.evaluator`` is the third-party evaluator the district office engaged (its
    evaluations only). Returns ``world``."""
    from gongkai_web.accounts.models import Role

    from .fixtures import make_agency, make_user

    world.city_gov = make_agency("重庆市人民政府")
    world.district.parent = world.city_gov
    world.district.save()
    world.jiangbei = make_agency("江北区人民政府", parent=world.city_gov)
    world.b.parent = world.jiangbei
    world.b.save()
    for name in ("district", "a", "b"):
        getattr(world, name).refresh_from_db()
    world.city = make_user("cityoffice", world.city_gov, Role.SUPERVISOR)
    world.evaluator = make_user("evaluator", world.district, Role.EVALUATOR)
    return world
