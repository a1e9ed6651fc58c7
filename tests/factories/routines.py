"""The scheduler's record of a daily routine run."""

import datetime as dt

import factory

from matchhub.core import clock
from matchhub.routines.models import RoutineRun
from tests.factories.base import BaseFactory


class RoutineRunFactory(BaseFactory):
    class Meta:
        model = RoutineRun

    name = factory.Sequence(lambda n: f"routine{n}")
    run_on = factory.LazyFunction(lambda: clock.today() - dt.timedelta(days=1))
    outcome = "ok"
