"""Alembic environment: the URL comes from the caller (``creditctl db upgrade``)."""

from alembic import context

from creditctl.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    if connectable is not None:
        context.configure(connection=connectable, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    from creditctl.db import make_engine
    from creditctl.exceptions import ConfigurationError

    url = config.get_main_option("sqlalchemy.url")
    if url is None:
        raise ConfigurationError("alembic has no sqlalchemy.url: run migrations with `creditctl db upgrade`")
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
