"""No admin pages for the devices: django-otp's would show an administrator each user's secret
(and its QR code), enough to copy their phone. Devices change only through their holder's
screens and the coordinator's reset (community_centre.two_factor.views)."""

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
