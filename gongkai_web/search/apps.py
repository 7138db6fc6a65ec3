from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "gongkai_web.search"
    label = "search"
