from django.urls import path

from referrals.views import directory, lists, partner, rectification, referral, slip

app_name = "referrals"

urlpatterns = [
    # The partner directory
    path("bodies/", directory.directory, name="directory"),
    path("bodies/new/", directory.body_create, name="body_create"),
    path("bodies/<int:pk>/", directory.body_detail, name="body_detail"),
    path("bodies/<int:pk>/edit/", directory.body_edit, name="body_edit"),
    path("bodies/<int:body_pk>/services/new/", directory.service_create, name="service_create"),
    path("services/<int:pk>/edit/", directory.service_edit, name="service_edit"),
    # Referrals
    path("", lists.referral_list, name="list"),
    path(
        "for-request/<int:request_pk>/new/", referral.create_for_request, name="create_for_request"
    ),  # fmt: skip
    path(
        "for/<int:beneficiary_pk>/new/", referral.create_for_case_file, name="create_for_case_file"
    ),  # fmt: skip
    path("<int:pk>/", referral.referral_detail, name="detail"),
    path("<int:pk>/edit/", referral.referral_edit, name="edit"),
    path("<int:pk>/move/", referral.referral_move, name="move"),
    path("<int:pk>/consent/withdraw/", referral.consent_withdraw, name="consent_withdraw"),
    path("<int:pk>/slip/", slip.referral_slip, name="slip"),
    # Telling the body of a rectification of the case file (art. 19 GDPR)
    path("corrections/<int:pk>/", rectification.task_detail, name="rectification_task"),
    path("corrections/<int:pk>/done/", rectification.task_done, name="rectification_done"),
    path(
        "corrections/<int:pk>/notice.pdf", rectification.task_notice, name="rectification_notice"
    ),  # fmt: skip
    # The partner body's staff: their inbox and the referrals sent to their body
    path("partner/", partner.inbox, name="inbox"),
    path("partner/<int:pk>/", partner.partner_detail, name="partner_detail"),
    path("partner/<int:pk>/move/", partner.partner_move, name="partner_move"),
    path("partner/<int:pk>/slip/", partner.partner_slip, name="partner_slip"),
    path(
        "partner/corrections/<int:pk>/acknowledge/",
        rectification.partner_acknowledge,
        name="partner_acknowledge",
    ),
]
