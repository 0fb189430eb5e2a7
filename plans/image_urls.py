"""The address of the plans' images (MEDIA_URL + plans/images/), so the same `src` serves
a web page and a PDF (publishing's fetcher reads MEDIA_URL from storage)."""

from django.urls import path

from . import views

app_name = "plan_images"

urlpatterns = [
    path("<str:name>", views.plan_image, name="image"),
]
