"""Every access role has a name in every language the desk offers: a signed-in person's
header reads ``marta · Lesezugriff``, never ``marta · role_viewer``."""

import pytest

from creditctl.desk import i18n
from creditctl.services.users import ROLES

LOCALES = {"de": "de_DE", "en": "en_GB"}


def test_the_languages_have_a_locale_each() -> None:
    assert set(LOCALES) == set(i18n.LANGUAGES)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_role_has_a_name_in_every_desk_language(role: str, lang: str) -> None:
    fmt = i18n.Formatter(LOCALES[lang], "Europe/Berlin")
    assert fmt.lang == lang
    name = fmt.role(role)
    assert name and name != role and "role_" not in name
    assert i18n.LABELS[f"role_{role}"][lang] == name


def test_the_role_names_differ_within_a_language() -> None:
    for lang in i18n.LANGUAGES:
        fmt = i18n.Formatter(LOCALES[lang], "Europe/Berlin")
        assert len({fmt.role(r) for r in ROLES}) == len(ROLES)
