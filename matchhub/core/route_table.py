"""Routes declared in a module and put on a blueprint later.

A package's ``views/__init__.py`` defines the blueprint and registers the route tables of
its modules on it, so no route module imports the package that imports it (no import
circles). A table records the same decorators a Blueprint offers and replays them, in
order, on ``register(bp)``; endpoints are named as Flask names them (the function's name
unless ``endpoint=`` says otherwise).
"""

from collections.abc import Callable
from typing import Any

from flask import Blueprint

View = Callable[..., Any]


class RouteTable:
    def __init__(self) -> None:
        self._calls: list[tuple[str, tuple, dict, View]] = []

    def _recorder(self, method: str, *args, **options) -> Callable[[View], View]:
        def decorator(func: View) -> View:
            self._calls.append((method, args, options, func))
            return func
        return decorator

    def route(self, rule: str, **options) -> Callable[[View], View]:
        return self._recorder("route", rule, **options)

    def get(self, rule: str, **options) -> Callable[[View], View]:
        return self._recorder("get", rule, **options)

    def post(self, rule: str, **options) -> Callable[[View], View]:
        return self._recorder("post", rule, **options)

    def app_template_global(self, name: str | None = None) -> Callable[[View], View]:
        return self._recorder("app_template_global", name)

    def app_template_filter(self, name: str | None = None) -> Callable[[View], View]:
        return self._recorder("app_template_filter", name)

    def before_request(self, func: View) -> View:
        return self._recorder("before_request")(func)

    def app_context_processor(self, func: View) -> View:
        return self._recorder("app_context_processor")(func)

    def register(self, bp: Blueprint) -> None:
        """Replay every recorded decorator on ``bp``, in the order they were declared."""
        for method, args, options, func in self._calls:
            attribute = getattr(bp, method)
            if args or options or method not in ("before_request", "app_context_processor"):
                attribute(*args, **options)(func)
            else:
                attribute(func)
