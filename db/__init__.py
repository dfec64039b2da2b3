"""Database layer: SQLAlchemy 2 async models, engine helpers and Alembic migrations."""
