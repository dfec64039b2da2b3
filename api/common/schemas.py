"""Base schema types (msgspec)."""

from __future__ import annotations

from typing import Annotated

import msgspec


class Schema(msgspec.Struct, kw_only=True, omit_defaults=False):
    """Response schemas."""


class Input(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Request bodies: unknown fields are an error, so a typo is a 400 rather than a silent no-op."""


NonEmptyStr = Annotated[str, msgspec.Meta(min_length=1)]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Email = Annotated[str, msgspec.Meta(min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
