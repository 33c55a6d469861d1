"""Process-level hooks shared by all clients: flush at exit, on SIGTERM and after fork.

Installed once, on the first client that asks for them, and they iterate the live clients
(held weakly, so a dropped client is not kept alive by its hooks).

SIGTERM: if the previous disposition was the default (terminate), open traces are ended as
CANCELLED, clients are closed within ``exit_timeout_sec`` and the signal is re-raised with
the default disposition, so the process still dies of SIGTERM. If the application had its
own handler, clients only flush and that handler is called. An ignored SIGTERM stays ignored.
The handler is only installed from the main thread (Python allows no other).
"""

from __future__ import annotations

import atexit
import os
import signal
import threading
import weakref
from types import FrameType
from typing import TYPE_CHECKING, Any, List, Optional

from .diagnostics import logger

if TYPE_CHECKING:
    from .client import OvpoClient

_clients: "weakref.WeakSet[OvpoClient]" = weakref.WeakSet()
_lock = threading.Lock()
_atexit_installed = False
_sigterm_installed = False
_previous_sigterm: Any = None


def register(client: "OvpoClient") -> None:
    global _atexit_installed
    with _lock:
        _clients.add(client)
        if not _atexit_installed:
            atexit.register(_at_exit)
            if hasattr(os, "register_at_fork"):
                os.register_at_fork(after_in_child=_after_fork_in_child)
            _atexit_installed = True
    _install_sigterm()


def unregister(client: "OvpoClient") -> None:
    with _lock:
        _clients.discard(client)


def _live() -> "List[OvpoClient]":
    with _lock:
        return list(_clients)


def _at_exit() -> None:
    for client in _live():
        client._on_exit()


def _install_sigterm() -> None:
    global _sigterm_installed, _previous_sigterm
    if _sigterm_installed or threading.current_thread() is not threading.main_thread():
        return
    try:
        previous = signal.getsignal(signal.SIGTERM)
        signal.signal(signal.SIGTERM, _on_sigterm)
    except (ValueError, OSError, AttributeError) as error:  # embedded interpreters, WASI
        logger.debug("ovpo: SIGTERM handler not installed: %s", error)
        return
    _previous_sigterm = previous
    _sigterm_installed = True


def _on_sigterm(signum: int, frame: Optional[FrameType]) -> None:
    previous = _previous_sigterm
    if previous == signal.SIG_IGN:
        for client in _live():
            client._on_terminate(dying=False)
        return
    dying = not callable(previous)  # SIG_DFL, or None (a handler installed outside Python)
    for client in _live():
        client._on_terminate(dying=dying)
    if callable(previous):
        previous(signum, frame)
        return
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGTERM)


def _after_fork_in_child() -> None:
    global _lock
    _lock = threading.Lock()  # may have been held by another thread at fork time
    for client in list(_clients):
        client._after_fork_in_child()
