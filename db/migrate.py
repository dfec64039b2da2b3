"""Run Alembic programmatically so no alembic.ini has to sit in the working directory."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config

from db.engine import database_url, normalize_url

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    # '%' is configparser interpolation syntax; URLs may contain percent-encoded passwords
    cfg.set_main_option("sqlalchemy.url", normalize_url(url or database_url()).replace("%", "%%"))
    return cfg


def upgrade(url: str | None = None, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str | None = None, revision: str = "base") -> None:
    command.downgrade(alembic_config(url), revision)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="interviewly migrate")
    parser.add_argument("direction", choices=["up", "down"], nargs="?", default="up")
    parser.add_argument("--revision", default=None)
    args = parser.parse_args(argv)
    if args.direction == "up":
        upgrade(revision=args.revision or "head")
    else:
        downgrade(revision=args.revision or "base")
    return 0


if __name__ == "__main__":
    sys.exit(main())
