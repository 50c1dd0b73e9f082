"""Alembic environment: upgrade the connection that the store hands over."""

from alembic import context

from bigdesk.model import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # -- SQLite alters tables by copying them; batch mode does that for us
    render_as_batch=True,
    # -- the whole upgrade is one transaction: a failure leaves the file as it was
    transactional_ddl=True,
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
