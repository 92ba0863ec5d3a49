"""factory-boy factories of the community_centre app: staff users (fictional Greek names)."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from community_centre.models import User
from tests.helpers import PASSWORD


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="el_GR")
    last_name = factory.Faker("last_name", locale="el_GR")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()
