"""The Django platform of gongkai: agencies, people, 依申请公开 intake and handling.

Every statutory rule is imported from the framework-free core (``gongkai``); this package stores
records, checks access and renders pages.
"""
