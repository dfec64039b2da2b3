"""Every ``rtc.Room`` a test opens, so the bed can close them before livekit-server stops.

A room still connected when the server goes away makes the livekit FFI panic at interpreter exit
("panic in a function that cannot unwind"), which aborts pytest and hides the real results.
"""

from __future__ import annotations

import contextlib
import weakref

from livekit import rtc

_open: weakref.WeakSet[rtc.Room] = weakref.WeakSet()


def new_room() -> rtc.Room:
    room = rtc.Room()
    _open.add(room)
    return room


async def disconnect_all() -> int:
    """Disconnects rooms a test left connected (a failed assertion skips its own cleanup)."""
    left = [room for room in list(_open) if room.isconnected()]
    for room in left:
        with contextlib.suppress(Exception):
            await room.disconnect()
    return len(left)
