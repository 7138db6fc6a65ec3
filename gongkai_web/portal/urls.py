from django.urls import path

from . import views
from .column_urls import urlpatterns as column_urlpatterns

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("guide/<slug:code>/", views.guide, name="guide"),
    path("apply/", views.apply, name="apply"),
    path("receipt/<str:query_code>/", views.receipt, name="receipt"),
    path("track/", views.track, name="track"),
    path("track/<str:query_code>/", views.track_detail, name="track_detail"),
    path("track/<str:query_code>/correction/", views.answer_correction, name="answer_correction"),
    path("track/<str:query_code>/letters/<int:letter_pk>.<str:fmt>", views.letter, name="letter"),
    path("track/<str:query_code>/disclosed/<int:item_pk>/", views.disclosed_file, name="disclosed_file"),
    path("me/", views.my_applications, name="my_applications"),
    # Under accounts/ where visitors expect it; the portal owns it (it forgets the tracking cookie too).
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    # The public 政府信息公开 column of every agency and the site search (column_urls.py).
    *column_urlpatterns,
]
