"""Factories for the import engine's models."""

import factory

from matchhub.imports.models import ImportJob, SavedColumnMap, StagedRow
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


class ImportJobFactory(BaseFactory):
    class Meta:
        model = ImportJob

    kind = "contracts"
    owner_id = factory.LazyFunction(
        lambda: UserFactory(role="platform_admin", organisation=None).id)
    filename = "合同.csv"


class StagedRowFactory(BaseFactory):
    class Meta:
        model = StagedRow

    job_id = factory.LazyFunction(lambda: ImportJobFactory().id)
    row_number = factory.Sequence(lambda n: n + 2)
    values = factory.LazyFunction(lambda: {"name": "马铃薯脱毒种薯繁育技术开发合同"})
