"""Subscriptions, their matches, notifications, queued email, publication events and
expiry reminders."""

import datetime as dt

import factory

from matchhub.core import clock
from matchhub.notifications.models import (
    EmailOutbox,
    ExpiryReminder,
    Notification,
    NotificationPreference,
    PublishEvent,
    Subscription,
    SubscriptionMatch,
)
from tests.factories.accounts import EnterpriseUserFactory, UserFactory
from tests.factories.base import BaseFactory


class SubscriptionFactory(BaseFactory):
    """An enterprise user's saved search for achievements."""

    class Meta:
        model = Subscription

    user = factory.SubFactory(EnterpriseUserFactory)
    kind = "saved_search"
    name = factory.Sequence(lambda n: f"电池材料订阅{n}")
    item_type = "achievement"
    query_text = "锂离子电池 正极材料"
    filters = factory.LazyFunction(dict)
    threshold = 0.5
    unsubscribe_nonce = factory.Sequence(lambda n: f"{n:032x}")


class SubscriptionMatchFactory(BaseFactory):
    class Meta:
        model = SubscriptionMatch

    subscription_id = factory.LazyFunction(lambda: SubscriptionFactory().id)
    item_type = "achievement"
    item_id = factory.Sequence(lambda n: n + 1)
    score = 0.8


class NotificationFactory(BaseFactory):
    class Meta:
        model = Notification

    user_id = factory.LazyFunction(lambda: UserFactory().id)
    kind = "digest"
    title = factory.Sequence(lambda n: f"新匹配{n}")


class EmailOutboxFactory(BaseFactory):
    class Meta:
        model = EmailOutbox

    to_addr = factory.Sequence(lambda n: f"r{n}@example.org")
    subject = "主题"
    body_text = "正文：你好"


class PublishEventFactory(BaseFactory):
    class Meta:
        model = PublishEvent

    item_type = "achievement"
    item_id = factory.Sequence(lambda n: n + 1)


class ExpiryReminderFactory(BaseFactory):
    class Meta:
        model = ExpiryReminder

    item_type = "achievement"
    item_id = factory.Sequence(lambda n: n + 1)
    expires_on = factory.LazyFunction(lambda: clock.today() + dt.timedelta(days=7))
    user_id = factory.LazyFunction(lambda: UserFactory().id)


class NotificationPreferenceFactory(BaseFactory):
    """A user's switches for one kind (both off unless given)."""

    class Meta:
        model = NotificationPreference

    user_id = factory.LazyFunction(lambda: UserFactory().id)
    kind = "case"
    in_app = False
    email = False
