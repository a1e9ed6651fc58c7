"""Subscriptions and push (精准推送): saved searches and own-item subscriptions, matches
collected when items are published, one digest a day (in-app and by email), unsubscribe
links, and reminders before a listing expires.

The web blueprint lives in ``matchhub.notifications.views.bp`` and the API in
``matchhub.notifications.api``; the domain modules import without the web layer.
"""
