"""Alembic's entry point: migrations run on the connection :mod:`chat_ui.store.migrate` opened
(and locked); from the command line (``python -m chat_ui.store …``) on the configured database."""

from __future__ import annotations

from alembic import context

from chat_ui.store.models import metadata, outside_metadata


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True, compare_type=True,
                      include_object=outside_metadata)
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    from chat_ui.store.engine import make_engine
    from chat_ui.store.settings import database_url

    engine = make_engine(database_url(), pooled=False)
    with engine.connect() as conn:
        _run(conn)
        conn.commit()
    engine.dispose()
