"""The desk locale setting: the locales accepted without importing babel are ones babel parses,
and any other value is still checked by babel (creditctl/settings.py, ``PARSED_LOCALES``)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from babel import Locale

from creditctl.exceptions import ConfigurationError
from creditctl.settings import PARSED_LOCALES, load_settings


@pytest.mark.parametrize("name", sorted(PARSED_LOCALES))
def test_every_locale_accepted_without_babel_is_one_babel_parses(name: str) -> None:
    assert Locale.parse(name) is not None
    assert load_settings(desk_locale=name.replace("_", "-")).desk_locale == name


def test_other_locales_are_still_checked_by_babel() -> None:
    assert load_settings(desk_locale="fr-FR").desk_locale == "fr_FR"
    with pytest.raises(ConfigurationError, match="unknown locale"):
        load_settings(desk_locale="xx_QQ")


def test_the_default_settings_do_not_import_babel(tmp_path) -> None:
    code = (
        "import sys; from creditctl.settings import load_settings; s = load_settings(); "
        "print(s.desk_locale, 'babel' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert out.stdout.split() == ["de_DE", "False"]
