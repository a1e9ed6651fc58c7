"""Officially published figures (技术合同成交额 and count per period and caliber) beside
the computed ones, and what explains the difference."""
