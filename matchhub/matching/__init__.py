"""Two-way matching: ranked achievements for a need, ranked needs for an achievement, the
best open pairs for a broker, each with its reasons; and "not relevant" feedback.

The web blueprint lives in ``matchhub.matching.views.bp`` and the API in
``matchhub.matching.api``; the domain modules import without the web layer.
"""
