from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gongkai_web.reports"
    label = "reports"
