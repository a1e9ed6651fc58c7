"""Factories for the import engine's models."""

import factory

from matchhub.imports.models import SavedColumnMap
from tests.factories.accounts import UserFactory
from tests.factories.base import BaseFactory


class SavedColumnMapFactory(BaseFactory):
    class Meta:
        model = SavedColumnMap

    created_by_id = factory.LazyAttribute(lambda o: UserFactory().id)
    owner = factory.LazyAttribute(lambda o: f"user:{o.created_by_id}")
    kind = "contracts"
    name = factory.Sequence(lambda n: f"台账格式{n}")
    columns = factory.LazyFunction(
        lambda: {"合同登记编号": "登记编号", "成交额(元)": "成交金额(元)"})
