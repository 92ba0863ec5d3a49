from django.urls import path

from services.views import calculator, events

app_name = "services"

urlpatterns = [
    path("eee/calculator/", calculator.eee_calculator, name="eee_calculator"),
    *events.urlpatterns,
]
