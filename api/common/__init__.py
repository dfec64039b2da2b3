"""Pieces every domain uses: errors, logging, pagination filters, base schemas, the SQLAlchemy plugin."""
