from django.urls import path

from services import views

app_name = "services"

urlpatterns = [
    path("eee/calculator/", views.eee_calculator, name="eee_calculator"),
]
