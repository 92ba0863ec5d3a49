"""The login forms: bounded input, so nothing typed at the login reaches the database unchecked."""

from __future__ import annotations

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

# Argon2 hashes whatever it is given: a cap keeps one login attempt cheap.
PASSWORD_MAX_LENGTH = 4096


class LoginForm(AuthenticationForm):
    """Django's login form, refusing a username longer than the user model's or a huge password."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # AuthenticationForm sets the username's max_length after the field is built, so nothing
        # checks it: an over-long name would reach the lockout records (255 characters) unchecked.
        username = self.fields["username"]
        username.validators.append(
            MaxLengthValidator(
                username.max_length,
                message=_("Το όνομα χρήστη έχει το πολύ %(limit_value)d χαρακτήρες."),
            )
        )
        self.fields["password"].validators.append(
            MaxLengthValidator(
                PASSWORD_MAX_LENGTH,
                message=_("Το συνθηματικό έχει το πολύ %(limit_value)d χαρακτήρες."),
            )
        )


class AdminLoginForm(LoginForm, AdminAuthenticationForm):
    """The admin site's login (staff only) with the same bounds."""
