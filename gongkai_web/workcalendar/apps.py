from django.apps import AppConfig


class WorkcalendarConfig(AppConfig):
    """The working-day calendar's coverage as staff see it (status page and worklist banner). It knows
    the staff roles (who may read the status page), so it comes after accounts."""

    name = "gongkai_web.workcalendar"
    label = "workcalendar"
