"""Optional avatar for the interviewer (AVATAR_PROVIDER; none by default).

Providers are livekit-agents avatar plugins that publish the avatar's video (and voice) into the room.
Their plugin packages are not dependencies of Interviewly: install the one you choose. Hedra is refused
up front: its realtime avatar service was shut down and ``livekit-plugins-hedra`` raises on use.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

# provider -> (module, class); every class takes its API key from its own env variables
PROVIDERS: dict[str, tuple[str, str]] = {
    "tavus": ("livekit.plugins.tavus", "AvatarSession"),
    "bey": ("livekit.plugins.bey", "AvatarSession"),
    "simli": ("livekit.plugins.simli", "AvatarSession"),
    "anam": ("livekit.plugins.anam", "AvatarSession"),
    "bithuman": ("livekit.plugins.bithuman", "AvatarSession"),
}
RETIRED = {
    "hedra": "Hedra's realtime avatar service was shut down upstream and livekit-plugins-hedra raises on use",
}


class AvatarConfigError(ValueError):
    pass


def alternatives() -> str:
    return ", ".join(["none", *PROVIDERS])


def check_provider(provider: str) -> None:
    """Fail at start-up, in one line, for a provider that cannot work."""
    name = (provider or "none").strip().lower()
    if name == "none":
        return
    if name in RETIRED:
        raise AvatarConfigError(f"AVATAR_PROVIDER={name} is not available: {RETIRED[name]}; "
                                f"choose one of: {alternatives()}")
    if name not in PROVIDERS:
        raise AvatarConfigError(f"AVATAR_PROVIDER={name} is unknown; choose one of: {alternatives()}")
    module, _ = PROVIDERS[name]
    if importlib.util.find_spec(module) is None:
        raise AvatarConfigError(f"AVATAR_PROVIDER={name} needs its plugin: pip install livekit-plugins-{name} "
                                f"(or choose one of: {alternatives()})")


async def start_avatar(provider: str, session: Any, room: Any) -> Any | None:
    """Start the configured avatar in the room; None when there is none."""
    name = (provider or "none").strip().lower()
    check_provider(name)
    if name == "none":
        return None
    module, cls = PROVIDERS[name]
    avatar = getattr(importlib.import_module(module), cls)()
    await avatar.start(session, room=room)
    return avatar
