from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gongkai_web.accounts"
    label = "accounts"
