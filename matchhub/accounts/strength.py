"""Password strength: zxcvbn's estimate (PyPI ``zxcvbn``), told the user's own details
and the common Chinese passwords, plus a length floor. Used wherever a password is set:
registration, ``matchhub create-admin``, password change and reset.

MIN_SCORE 3 is zxcvbn's "safely unguessable" (about 10^8 guesses and more): enough with
Argon2id and the sign-in rate limit in front, without forcing pass phrases on everyone.
"""

from collections.abc import Iterable

from zxcvbn import zxcvbn

from matchhub.accounts.common_passwords import COMMON_CHINESE_PASSWORDS

MIN_LENGTH = 8
MAX_LENGTH = 128
MIN_SCORE = 3


def _words(values: Iterable[str | None]) -> list[str]:
    """The user's details as zxcvbn user inputs: whole values and the local part of an
    email, lower-cased."""
    words = []
    for value in values:
        value = (value or "").strip().lower()
        if value:
            words.append(value)
            if "@" in value:
                words.append(value.split("@", 1)[0])
    return words


def password_problem(password: str, user_inputs: Iterable[str | None] = ()) -> str | None:
    """Why ``password`` is too weak (in Chinese), or None when it will do."""
    if len(password) < MIN_LENGTH:
        return f"密码至少 {MIN_LENGTH} 位"
    if len(password) > MAX_LENGTH:
        return f"密码不能超过 {MAX_LENGTH} 位"
    words = _words(user_inputs)
    if password.lower() in COMMON_CHINESE_PASSWORDS:
        return "这是最常见的密码之一，很容易被猜中，请换一个"
    if any(len(word) >= 3 and word in password.lower() for word in words):
        return "密码不能包含您的邮箱、姓名、手机号或机构名称"
    result = zxcvbn(password, user_inputs=[*words, *COMMON_CHINESE_PASSWORDS])
    if result["score"] < MIN_SCORE:
        return (f"密码太容易被猜中（强度 {result['score']}/4，至少需要 {MIN_SCORE}）："
                "请避免常见词、键盘顺序、重复字符和日期，可用几个不相关的词组合成较长的密码")
    return None
