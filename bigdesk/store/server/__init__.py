"""Workshops on a PostgreSQL server: one schema per workshop, under the same model and revisions."""
