"""gongkai — the framework-free core of the 政府信息公开 platform.

Importing this package (or any module under it) never imports Django.
"""

__version__ = "0.1.0"
