from django.urls import path

from . import views

app_name = "applications"
urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("export.csv", views.export_csv, name="export"),
    path("new/", views.register, name="register"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/unmask/", views.unmask, name="unmask"),
    path("<int:pk>/letters/<int:letter_pk>.<str:fmt>", views.letter, name="letter"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("<int:pk>/<slug:action>/", views.act, name="act"),
]
