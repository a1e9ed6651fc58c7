"""Feedback on recommendations: a user marked a need-achievement pair as not relevant."""

import datetime as dt

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from matchhub.core.db_types import Code, Created, IntPK
from matchhub.core.extensions import db


class MatchFeedback(db.Model):
    """One "not relevant" mark. ``recommended_type`` says which side was the recommendation
    (the item judged): its owner sees the marks in aggregate. A marked pair is no longer
    recommended to anyone."""

    __tablename__ = "match_feedback"
    __table_args__ = (UniqueConstraint("need_id", "achievement_id", "user_id"),)

    id: Mapped[IntPK]
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    achievement_id: Mapped[int] = mapped_column(
        ForeignKey("achievements.id", ondelete="CASCADE"), index=True)
    recommended_type: Mapped[Code]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[Code]
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[Created]

    @property
    def created_on(self) -> dt.date:
        return self.created_at.date()
