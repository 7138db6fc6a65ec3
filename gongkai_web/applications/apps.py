from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai_web.applications"
    label = "applications"
