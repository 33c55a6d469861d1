"""Exceptions the SDK raises.

By default (fail-open) only the explicit helpers raise (``validate_*``, builders, hashing);
instrumentation calls log and count instead. With ``OvpoClient(strict=True)`` instrumentation
raises too, so tests notice bad data and an unreachable collector.
"""

from __future__ import annotations

from typing import Sequence, Tuple


class OvpoError(Exception):
    """Base class of every exception raised by the SDK."""


class OvpoValidationError(OvpoError, ValueError):
    """A value breaks the v0.08 wire format.

    ``problems`` lists ``(field, message)`` pairs, ``field`` being a JSON-pointer-like path
    (``attributes/foo``), so one error can report everything that is wrong at once.
    """

    def __init__(self, problems: Sequence[Tuple[str, str]]):
        self.problems = list(problems)
        super().__init__("; ".join("%s: %s" % p for p in self.problems) or "invalid value")


class OvpoDeliveryError(OvpoError):
    """Strict mode only: a batch could not be delivered or the collector rejected items."""


class OvpoUsageError(OvpoError):
    """Strict mode only: the API was used out of order (e.g. a span with no trace)."""
