"""Audit entries."""

import factory

from matchhub.audit.models import AuditEntry
from tests.factories.accounts import UserFactory
from tests.factories.base import BaseFactory


class AuditEntryFactory(BaseFactory):
    class Meta:
        model = AuditEntry

    actor = factory.SubFactory(UserFactory)
    action = "login.success"
    target_type = "user"
    target_id = factory.SelfAttribute("actor.id")
    ip = "127.0.0.1"
    details = factory.LazyFunction(dict)
