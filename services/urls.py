from django.urls import path

from services.views import calculator, sessions

app_name = "services"

urlpatterns = [
    path("eee/calculator/", calculator.eee_calculator, name="eee_calculator"),
    # Individual sessions (συνεδρίες) and series of them
    path("sessions/for/<int:beneficiary_pk>/", sessions.session_list, name="session_list"),
    path("sessions/for/<int:beneficiary_pk>/new/", sessions.session_create, name="session_create"),
    path("sessions/for/<int:beneficiary_pk>/series/", sessions.series_create, name="series_create"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session_detail"),
    path("sessions/<int:pk>/edit/", sessions.session_edit, name="session_edit"),
    path("sessions/<int:pk>/mark/", sessions.session_mark, name="session_mark"),
    path("sessions/series/<int:pk>/", sessions.series_detail, name="series_detail"),
]
