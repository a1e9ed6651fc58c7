"""Passwords common among Chinese users, refused outright and given to zxcvbn as words to
penalise (zxcvbn's own lists are English).

Source: the most frequent passwords of the 2014 leak of 12306 (China Railway's booking
site) accounts, table "Most frequently used passwords" in qingyuanxingsi/12306_passcracking
(12306result.md, https://github.com/qingyuanxingsi/12306_passcracking), and the top lists
of Li, Han and Xu, "A Large-Scale Empirical Analysis of Chinese Web Passwords" (USENIX
Security 2014). Only the passwords (facts, not text of those works) are listed, so no
licence terms attach; the list is kept short on purpose: zxcvbn covers the rest.
"""

COMMON_CHINESE_PASSWORDS = frozenset({
    "123456", "a123456", "123456a", "5201314", "111111", "woaini1314", "123123",
    "qq123456", "000000", "1qaz2wsx", "1q2w3e4r", "qwe123", "7758521", "123qwe",
    "a123123", "woaini520", "123456aa", "1314520", "100200", "woaini", "7758258",
    "woaini1314520", "5201314520", "wang123456", "zhang123456", "li123456",
    "88888888", "11111111", "12345678", "123456789", "dearbook", "iloveyou",
    "a12345678", "aa123456", "abc123456", "admin123", "5211314", "521521",
})
