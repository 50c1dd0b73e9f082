"""Alembic revisions of the workshop file schema, shipped inside the package."""
