"""``{% calendar_banner %}``: a warning on staff pages while deadlines may rest on a guessed calendar."""

from django import template

from gongkai_web.workcalendar import calendar_status

register = template.Library()


@register.inclusion_tag("workcalendar/_calendar_banner.html", takes_context=True)
def calendar_banner(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    cov = calendar_status.coverage()
    return {"coverage": cov, "show_link": bool(user) and calendar_status.can_see_status(user)}
