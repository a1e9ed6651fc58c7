from matchhub.cases.views import bp

__all__ = ["bp"]
