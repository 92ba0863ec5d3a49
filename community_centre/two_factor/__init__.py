"""Two-factor login (django-otp): a code from a phone's authenticator app (TOTP), or one of ten
one-time backup codes, after the password.

- `policy`: who must use it (coordinators, administrators, superusers, partner bodies) and who
  may (social workers), and which devices a user has;
- `middleware.SecondFactorMiddleware`: until the code is given, only the code step, the
  enrolment, logging out, the language and the health checks answer;
- `verification`: checking a code (wrong, reused, throttled) and counting failures with axes;
- `actions`: enrolment, backup codes, removal, the coordinator's reset of a lost device;
- `views`, `forms`, `qr`: the Greek screens (a QR code drawn on the server as SVG).
"""
