"""The text of digest and reminder emails (plain text, Simplified Chinese), queued in the
outbox with List-Unsubscribe headers for one-click unsubscribe (RFC 8058)."""

from dataclasses import dataclass
from typing import Any

from matchhub.catalog.services import ITEM_LABELS
from matchhub.notifications import links
from matchhub.notifications.models import EmailOutbox, Subscription

SIGNATURE = "—— MatchHub 科技成果转移转化对接平台（本邮件由系统自动发送，请勿直接回复）"


@dataclass(frozen=True)
class DigestLine:
    row: Any
    score: float


def digest_subject(sub: Subscription, count: int) -> str:
    return f"【MatchHub】您的订阅「{sub.name}」有 {count} 项新匹配"[:200]


def digest_email(sub: Subscription, lines: list[DigestLine], more: int) -> EmailOutbox:
    unsubscribe = links.unsubscribe_url(sub)
    parts = [f"{sub.user.display_name}，您好：", "",
             f"您订阅的「{sub.name}」有 {len(lines) + more} 项新发布的匹配：", ""]
    for number, line in enumerate(lines, start=1):
        label = ITEM_LABELS[line.row.item_type]
        parts += [f"{number}. {line.row.title}（{label}，匹配度 {line.score:.0%}）",
                  f"   {links.item_path(line.row.item_type, line.row.id, external=True)}"]
    if more:
        parts.append(f"……另有 {more} 项，请登录平台查看。")
    parts += ["", f"管理我的订阅：{links.subscriptions_url()}",
              f"退订此订阅：{unsubscribe}", "", SIGNATURE]
    headers = {"List-Unsubscribe": f"<{unsubscribe}>",
               "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return EmailOutbox(to_addr=sub.user.email, subject=digest_subject(sub, len(lines) + more),
                       body_text="\n".join(parts), headers=headers)


def reminder_email(user: Any, item: Any, title: str) -> EmailOutbox:
    url = links.item_path(item.item_type, item.id, external=True)
    body = "\n".join([f"{user.display_name}，您好：", "", f"{title}。",
                      "到期后将不再公开展示；如需继续展示，请在详情页办理续期：", url, "",
                      SIGNATURE])
    return EmailOutbox(to_addr=user.email, subject=f"【MatchHub】{title}"[:200], body_text=body)
