"""The kinds of notification, their labels (通知类别) and who may switch them."""

KINDS: dict[str, str] = {
    "listing_submitted": "待审核的发布",
    "listing_reviewed": "审核结果",
    "detail_requested": "详细信息申请",
    "detail_answered": "详细信息申请的答复",
    "case": "对接单进展",
    "contract": "技术合同登记",
    "expiry_reminder": "到期提醒",
    "report_due": "年度报告提醒",
    "digest": "订阅推送",
}


def label(kind: str) -> str:
    return KINDS.get(kind, kind)
