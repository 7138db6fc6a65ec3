from django.urls import path

from . import views

app_name = "workcalendar"
urlpatterns = [
    path("calendar/", views.calendar, name="calendar_status"),
]
