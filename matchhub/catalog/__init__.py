from matchhub.catalog.views import bp

__all__ = ["bp"]
