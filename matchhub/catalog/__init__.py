"""Achievements (科技成果) and needs (技术需求): models, workflow, services, pages and API.

The web blueprint lives in ``matchhub.catalog.views.bp``; the app factory imports it
from there, so the domain modules import without pulling in the web layer.
"""
