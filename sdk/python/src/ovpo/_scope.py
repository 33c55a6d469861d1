"""The "current" trace and span (per thread and asyncio task) and helpers shared by the
trace and span classes."""

from __future__ import annotations

import functools
import inspect
from contextvars import ContextVar, Token
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

from .errors import OvpoValidationError

if TYPE_CHECKING:
    from .span import SpanContext
    from .trace import TraceContext

F = TypeVar("F", bound=Callable[..., Any])

CURRENT_TRACE: "ContextVar[Optional[TraceContext]]" = ContextVar("ovpo_current_trace", default=None)
CURRENT_SPAN: "ContextVar[Optional[SpanContext]]" = ContextVar("ovpo_current_span", default=None)

#: Attribute set on a pipeline exception by the innermost span it passed through, so the
#: trace's failure can name that span (no reference to the exception is kept).
ERROR_SPAN_ATTR = "__ovpo_span_id__"


def current_trace() -> Optional["TraceContext"]:
    """The trace entered (``with``) in this thread or task, if any."""
    return CURRENT_TRACE.get()


def current_span() -> Optional["SpanContext"]:
    """The innermost span entered (``with``) in this thread or task, if any."""
    return CURRENT_SPAN.get()


def to_enum(enum: Any, value: Any, field: str) -> Any:
    """``enum(value)``, raising :class:`OvpoValidationError` that lists the allowed values."""
    try:
        return enum(value.value if isinstance(value, enum) else value)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise OvpoValidationError(
            [(field, "must be one of %s (got %r)" % (allowed, value))]
        ) from None


def decorate(make: Callable[[Callable[..., Any]], Any], func: F) -> F:
    """Wrap ``func`` so each call runs inside a fresh context manager from ``make(func)``."""
    if inspect.iscoroutinefunction(func):

        @functools.wraps(func)
        async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
            with make(func):
                return await func(*args, **kwargs)

        return async_wrapper  # type: ignore[return-value]

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with make(func):
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def reset(var: "ContextVar[Any]", token: Optional["Token[Any]"]) -> None:
    """Undo a ``var.set``; tolerate exiting in another context (e.g. an async generator)."""
    if token is not None:
        try:
            var.reset(token)
        except ValueError:
            pass
