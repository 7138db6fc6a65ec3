"""Staff pages of the Q&A library and of the public's questions (``/staff/qa/``)."""

from django.urls import path

from . import question_views, views

app_name = "qa"
urlpatterns = [
    path("", views.library, name="library"),
    path("new/", views.new, name="new"),
    path("topics/", views.topics, name="topics"),
    path("<int:pk>/", views.entry, name="entry"),
    path("<int:pk>/versions/", views.versions, name="versions"),
    path("<int:pk>/revise/", views.revise, name="revise"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/link/", views.link, name="link"),
    path("<int:pk>/unlink/", views.unlink, name="unlink"),
    path("questions/", question_views.questions, name="questions"),
    path("questions/<int:pk>/", question_views.question, name="question"),
    path("questions/<int:pk>/answer/", question_views.answer, name="answer"),
    path("questions/<int:pk>/close/", question_views.close, name="close"),
    path("questions/<int:pk>/unmask/", question_views.unmask, name="unmask"),
]
