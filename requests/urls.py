from django.urls import path

from requests.views import appointments, assistance, document_requests, information, my_work

app_name = "requests"

urlpatterns = [
    path("work/", my_work.my_work, name="my_work"),
    # Assistance requests
    path("", assistance.request_list, name="list"),
    path("for/<int:beneficiary_pk>/new/", assistance.request_create, name="create"),
    path("<int:pk>/", assistance.request_detail, name="detail"),
    path("<int:pk>/edit/", assistance.request_edit, name="edit"),
    path("<int:pk>/move/", assistance.request_move, name="move"),
    path("<int:pk>/letter/", information.letter_for_request, name="letter_for_request"),
    # Information requests and status letters
    path(
        "for/<int:beneficiary_pk>/information/new/",
        information.information_create,
        name="information_create",
    ),  # fmt: skip
    path("information/<int:pk>/", information.information_detail, name="information_detail"),
    path("information/<int:pk>/letter/", information.letter_create, name="letter_create"),
    path("letters/<int:pk>/pdf/", information.letter_pdf, name="letter_pdf"),
    path("letters/<int:pk>/deliver/", information.letter_deliver, name="letter_deliver"),
    # Document requests
    path(
        "for/<int:beneficiary_pk>/documents/new/",
        document_requests.docreq_create,
        name="docreq_create",
    ),  # fmt: skip
    path("documents/<int:pk>/", document_requests.docreq_detail, name="docreq_detail"),
    path("documents/<int:pk>/pdf/", document_requests.docreq_pdf, name="docreq_pdf"),
    path(
        "documents/<int:pk>/items/<int:item_pk>/receive/",
        document_requests.docreq_item_receive,
        name="docreq_item_receive",
    ),  # fmt: skip
    path("documents/<int:pk>/cancel/", document_requests.docreq_cancel, name="docreq_cancel"),
    # Appointments
    path(
        "for/<int:beneficiary_pk>/appointments/new/",
        appointments.appointment_create,
        name="appointment_create",
    ),  # fmt: skip
    path("appointments/<int:pk>/mark/", appointments.appointment_mark, name="appointment_mark"),
    path("agenda/", appointments.agenda, name="agenda"),
    path("agenda/pdf/", appointments.agenda_pdf, name="agenda_pdf"),
]
