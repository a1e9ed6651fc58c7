"""Search outbox rows."""

from matchhub.search.indexing.models import OutboxEntry
from tests.factories.base import BaseFactory


class OutboxEntryFactory(BaseFactory):
    """A pending change to a need (the item need not exist: draining deletes it then)."""

    class Meta:
        model = OutboxEntry

    item_type = "need"
    item_id = 7
