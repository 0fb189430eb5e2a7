from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
    path("", include("publishing.urls")),
    path("plans/", include("plans.urls")),
    path("files/plans/images/", include("plans.image_urls")),
    path("consultations/", include("consultation.urls")),
    path("panel/", include("panel.urls")),
    path("performance/", include("performance.urls")),
    path("annual-reports/", include("reports.urls")),
]
