from django.urls import path

from services.views import applications, calculator, events, programmes, sessions

app_name = "services"

urlpatterns = [
    path("eee/calculator/", calculator.eee_calculator, name="eee_calculator"),
    # The programme catalogue
    path("programmes/", programmes.programme_list, name="programme_list"),
    path("programmes/new/", programmes.programme_create, name="programme_create"),
    path("programmes/<int:pk>/", programmes.programme_detail, name="programme_detail"),
    path("programmes/<int:pk>/edit/", programmes.programme_edit, name="programme_edit"),
    path("programmes/<int:pk>/documents/new/", programmes.line_create,
         name="programme_line_create"),
    path("programmes/<int:pk>/documents/<int:line_pk>/edit/", programmes.line_edit,
         name="programme_line_edit"),
    path("programmes/<int:pk>/documents/<int:line_pk>/remove/", programmes.line_remove,
         name="programme_line_remove"),
    # Benefit applications
    path("applications/", applications.application_list, name="application_list"),
    path("for/<int:beneficiary_pk>/applications/new/", applications.application_create,
         name="application_create"),
    path("applications/<int:pk>/", applications.application_detail, name="application_detail"),
    path("applications/<int:pk>/edit/", applications.application_edit, name="application_edit"),
    path("applications/<int:pk>/lines/<int:line_pk>/", applications.application_line,
         name="application_line"),
    path("applications/<int:pk>/move/", applications.application_move, name="application_move"),
    path("applications/<int:pk>/request-missing/", applications.application_request_missing,
         name="application_request_missing"),
    # Individual sessions (συνεδρίες) and series of them
    path("sessions/for/<int:beneficiary_pk>/", sessions.session_list, name="session_list"),
    path("sessions/for/<int:beneficiary_pk>/new/", sessions.session_create, name="session_create"),
    path("sessions/for/<int:beneficiary_pk>/series/", sessions.series_create, name="series_create"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session_detail"),
    path("sessions/<int:pk>/edit/", sessions.session_edit, name="session_edit"),
    path("sessions/<int:pk>/mark/", sessions.session_mark, name="session_mark"),
    path("sessions/series/<int:pk>/", sessions.series_detail, name="series_detail"),
    *events.urlpatterns,
]  # fmt: skip
