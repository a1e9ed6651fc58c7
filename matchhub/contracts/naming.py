"""A contract's name from its subject and type, as registration forms write it."""


def contract_name(subject: str, type_label: str) -> str:
    """「膜分离技术」 + 「技术开发」 → 「膜分离技术开发合同」: never 「技术技术」."""
    if subject.endswith("技术") and type_label.startswith("技术"):
        subject = subject.removesuffix("技术")
    return f"{subject}{type_label}合同"
