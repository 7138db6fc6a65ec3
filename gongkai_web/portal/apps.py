from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gongkai_web.portal"
    label = "portal"
