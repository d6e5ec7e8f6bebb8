"""The schema check without Alembic (``creditctl.migrate``) gives Alembic's answers:
the heads read from the version files are the script directory's heads."""

from __future__ import annotations

from alembic.script import ScriptDirectory

from creditctl import migrate


def test_head_revision_read_from_the_files_is_alembics_head() -> None:
    alembic_heads = ScriptDirectory.from_config(migrate.alembic_config("sqlite://")).get_heads()
    assert migrate.head_revision() == ",".join(sorted(alembic_heads))
    assert migrate.head_revision()


def test_current_revision_reads_the_version_table(tmp_path) -> None:
    url = f"sqlite:///{tmp_path}/c.db"
    assert migrate.current_revision(url) is None
    migrate.upgrade(url)
    assert migrate.current_revision(url) == migrate.head_revision()
    migrate.check_schema(url)
