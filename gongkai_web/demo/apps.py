from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "gongkai_web.demo"
    label = "demo"
