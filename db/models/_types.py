"""Column helpers shared by the model modules."""

from enum import StrEnum

import sqlalchemy as sa
from pgvector.sqlalchemy import Vector

# all-MiniLM-L6-v2 (the offline embedding model the screening uses) produces 384-d vectors.
EMBEDDING_DIM = 384


def enum_column(enum: type[StrEnum], name: str | None = None, **kwargs) -> sa.Enum:
    """A VARCHAR with a CHECK constraint: portable, and new values need no ALTER TYPE.

    `name` must differ when one table has two columns of the same enum (constraint names are per table).
    """
    return sa.Enum(
        enum,
        native_enum=False,
        create_constraint=True,
        length=32,
        name=name or enum.__name__.lower(),
        values_callable=lambda e: [m.value for m in e],
        **kwargs,
    )


def embedding() -> Vector:
    return Vector(EMBEDDING_DIM)
