from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "gongkai_web.agencies"
    label = "agencies"
