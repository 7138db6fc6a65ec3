from django.urls import path

from . import material_views, reply_views, views

app_name = "applications"
urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("export.csv", views.export_csv, name="export"),
    path("new/", views.register, name="register"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/unmask/", views.unmask, name="unmask"),
    path("<int:pk>/letters/<int:letter_pk>.<str:fmt>", views.letter, name="letter"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("<int:pk>/disclosed/", material_views.add_disclosed, name="add_disclosed"),
    path("<int:pk>/disclosed/<int:item_pk>/", material_views.disclosed_file, name="disclosed_file"),
    path(
        "<int:pk>/disclosed/<int:item_pk>/remove/", material_views.remove_disclosed, name="remove_disclosed"
    ),
    path(
        "<int:pk>/letters/<int:letter_pk>/delivery/", material_views.record_delivery, name="record_delivery"
    ),
    path("<int:pk>/letters/<int:letter_pk>/proof/", material_views.delivery_proof, name="delivery_proof"),
    path("<int:pk>/reply/", reply_views.save_draft, name="reply_draft"),
    path("<int:pk>/reply/<int:draft_pk>/", reply_views.preview, name="reply_preview"),
    path("<int:pk>/reply/<int:draft_pk>/preview.pdf", reply_views.preview_file, name="reply_preview_pdf"),
    path("<int:pk>/reply/<int:draft_pk>/<slug:step>/", reply_views.draft_step, name="reply_step"),
    path("<int:pk>/<slug:action>/", views.act, name="act"),
]
