"""Strings of Django's admin, auth and forms that Django 5.2's Greek catalogue lacks.

They are written here exactly as Django's templates and code write them, only so that
`make makemessages` (which keeps no string it does not find in the project) extracts them into
locale/*/LC_MESSAGES/django.po, where their Greek lives: the project's catalogue (LOCALE_PATHS)
is consulted before Django's own. Nothing imports this module. The admin's JavaScript strings
(the "djangojs" domain) are in the hand-kept locale/*/LC_MESSAGES/djangojs.po.

After upgrading Django, compare its Greek catalogue again; tests/community_centre/
test_admin_greek.py crawls the admin for strings still shown in English.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

ADMIN = [
    gettext_noop("Skip to main content"),
    gettext_noop("Breadcrumbs"),
    gettext_noop("Sidebar"),
    gettext_noop("Start typing to filter…"),
    gettext_noop("Filter navigation items"),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Added:"),
    gettext_noop("Changed:"),
    gettext_noop("Deleted:"),
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
    gettext_noop("Select all objects on this page for an action"),
    gettext_noop("Select this object for an action - {}"),
    gettext_noop("View selected %(model)s"),
    gettext_noop("Error:"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("Thanks for spending some quality time with the web site today."),
    gettext_noop("In case you’ve forgotten, you are:"),
    ngettext_lazy("Please correct the error below.", "Please correct the errors below."),
    ngettext_lazy("entry", "entries"),
]

AUTH = [
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("Set password"),
    gettext_noop("Set password: %s"),
    gettext_noop("Reset password"),
    gettext_noop("Password-based authentication"),
    gettext_noop("Enable password-based authentication"),
    gettext_noop("Disable password-based authentication"),
    gettext_noop(
        "This action will <strong>enable</strong> password-based authentication for this user."
    ),
    gettext_noop("Enable password-based authentication for this user by setting a password."),
    gettext_noop("Password-based authentication was disabled."),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If disabled, "
        "they may still be able to authenticate using other backends, such as Single Sign-On "
        "or LDAP."
    ),
    gettext_noop("Enabled"),
    gettext_noop("Disabled"),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_noop("Conflicting form data submitted. Please try again."),
    gettext_noop(
        "Enter a valid username. This value may contain only unaccented lowercase a-z and "
        "uppercase A-Z letters, numbers, and @/./+/-/_ characters."
    ),
    gettext_noop("block size"),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ),
]

FORMS = [
    gettext_noop("Enter a valid domain name."),
    gettext_noop("Enter a valid %(protocol)s address."),
    gettext_noop("IPv4 or IPv6"),
    gettext_noop("Ensure this value is a multiple of step size %(limit_value)s."),
    gettext_noop(
        "Ensure this value is a multiple of step size %(limit_value)s, starting from "
        "%(offset)s, e.g. %(offset)s, %(valid_value1)s, %(valid_value2)s, and so on."
    ),
    gettext_noop("Constraint “%(name)s” is violated."),
    gettext_noop("String (unlimited)"),
    gettext_noop("%(model)s instance with %(field)s %(value)r is not a valid choice."),
    gettext_noop(
        "ManagementForm data is missing or has been tampered with. Missing fields: "
        "%(field_names)s. You may need to file a bug report if the issue persists."
    ),
    gettext_noop(
        "You are seeing this message because this HTTPS site requires a “Referer header” to "
        "be sent by your web browser, but none was sent. This header is required for security "
        "reasons, to ensure that your browser is not being hijacked by third parties."
    ),
    ngettext_lazy("Please submit at most %(num)d form.", "Please submit at most %(num)d forms."),
    ngettext_lazy("Please submit at least %(num)d form.", "Please submit at least %(num)d forms."),
    ngettext_lazy("%(num)d year", "%(num)d years"),
    ngettext_lazy("%(num)d month", "%(num)d months"),
    ngettext_lazy("%(num)d week", "%(num)d weeks"),
    ngettext_lazy("%(num)d day", "%(num)d days"),
    ngettext_lazy("%(num)d hour", "%(num)d hours"),
    ngettext_lazy("%(num)d minute", "%(num)d minutes"),
]
