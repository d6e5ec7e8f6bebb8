"""The consumer's entry: the one Huey instance of this process, with the tasks registered.

``huey_consumer huey_config.huey`` works as well as ``creditctl worker``.
"""

from creditctl.logs import configure_logging
from creditctl.migrate import check_schema
from creditctl.settings import get_settings
from creditctl.tasks import build_runtime

settings = get_settings()
configure_logging(settings.log_level, redact_personal_data=settings.log_redact)
check_schema(settings.effective_database_url)  # never migrates: `creditctl db upgrade` does
runtime = build_runtime(settings)
huey = runtime.huey
