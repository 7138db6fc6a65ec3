from django.urls import path

from . import reply_views, views

app_name = "applications"
urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("export.csv", views.export_csv, name="export"),
    path("new/", views.register, name="register"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/unmask/", views.unmask, name="unmask"),
    path("<int:pk>/letters/<int:letter_pk>.<str:fmt>", views.letter, name="letter"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("<int:pk>/reply/", reply_views.save_draft, name="reply_draft"),
    path("<int:pk>/reply/<int:draft_pk>/", reply_views.preview, name="reply_preview"),
    path("<int:pk>/reply/<int:draft_pk>/preview.pdf", reply_views.preview_file, name="reply_preview_pdf"),
    path("<int:pk>/reply/<int:draft_pk>/<slug:step>/", reply_views.draft_step, name="reply_step"),
    path("<int:pk>/<slug:action>/", views.act, name="act"),
]
