"""What the domain says to people: a message id and its parameters, never a sentence.

Domain code returns `Message`s; the edge (web pages, API, PDF and DOCX exports) renders
them in the reader's language through the translation catalog (app/translations), so a
new language is one `.po` file. The message id is the English sentence with `%(name)s`
placeholders, marked for extraction by the keywords `msg` and `msg_n` (Makefile,
`make messages`).

A parameter is rendered by its kind: a `Message` in the same language, catalog content
(`Text`) in that language (English for a language the catalog does not have), `Quoted`
user text in that language's quotation marks, `Number` in its number format, `Date` in
its date format (CLDR, through Babel), and anything else as it is. The renderer comes
from the edge (`install`); without one, messages come out in English, the source
language, which needs no catalog.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from babel.dates import format_date
from babel.numbers import format_decimal

from app.domain.catalog.model import Text

NBSP = "\u00a0"


class Translations(Protocol):
    """What a gettext catalog offers (gettext.NullTranslations, babel.support.Translations)."""

    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...


@dataclass(frozen=True, slots=True)
class Message:
    """A sentence to render: its id (English, with %(name)s placeholders), the plural id
    and the parameter choosing between them, and the parameters themselves. `typeset`
    asks for the language's typography (non-breaking spaces in Russian)."""

    msgid: str
    params: tuple[tuple[str, Any], ...] = ()
    plural: str | None = None
    count: str | None = None
    typeset: bool = False

    def get(self, lang: str) -> str:
        """This message in `lang`."""
        return render(self, lang)

    def __str__(self) -> str:
        """This message in the current language of the edge (English without one)."""
        return render(self, _current_lang())

    def typeset_copy(self) -> Message:
        """The same message, set with the language's typography."""
        return Message(self.msgid, self.params, self.plural, self.count, True)


def msg(msgid: str, /, **params: Any) -> Message:
    """A message: `msg("Remove %(line)s from the vacancy.", line=Quoted(text))`."""
    return Message(msgid, tuple(params.items()))


def msg_n(singular: str, plural: str, /, count: str = "num", **params: Any) -> Message:
    """A message with plural forms chosen by the integer parameter `count`:
    `msg_n("%(num)d network", "%(num)d networks", num=n)`."""
    return Message(singular, tuple(params.items()), plural, count)


@dataclass(frozen=True, slots=True)
class Quoted:
    """User text (or catalog content) quoted for a message («…» in Russian, “…” otherwise)."""

    text: str | Text


@dataclass(frozen=True, slots=True)
class Number:
    """A number as the language writes it: «1 500», «2,5» / "1,500", "2.5"."""

    value: float


@dataclass(frozen=True, slots=True)
class Date:
    """A date as the language writes it in a CLDR format ("short", "medium", "long",
    "full"; Babel): «27 августа 2026 г.» / "August 27, 2026" in the long one."""

    value: date
    format: str = "medium"


@dataclass(frozen=True, slots=True)
class Localized:
    """A value its own formatter writes in the language: `format(value, lang)`."""

    value: Any
    format: Callable[[Any, str], str]


@dataclass(frozen=True, slots=True)
class LowerFirst:
    """A parameter with its first letter lowered, unless it starts an abbreviation."""

    value: Any


# Quotation marks are the catalog's too: «%(text)s» in Russian.
QUOTE = msg("“%(text)s”").msgid

_BEFORE_DASH = re.compile(r" (?=[—–] )")
_AFTER_NUMBER = re.compile(r"(?<=\d) (?=[^\W\d_])")
_AFTER_SHORT_WORD = re.compile(r"((?<=^[а-яА-ЯёЁ])|(?<=[\s«(\u00a0][а-яА-ЯёЁ])) (?=\S)")


def ru_typography(text: str) -> str:
    """Non-breaking spaces where Russian typography wants them.

    Before a dash, after a number followed by a word («3 соцсети») and after a one-letter
    word («в», «и», «а»), so a line never starts with a dash or ends with a number or
    a one-letter preposition.
    """
    text = _BEFORE_DASH.sub(NBSP, text)
    text = _AFTER_NUMBER.sub(NBSP, text)
    return _AFTER_SHORT_WORD.sub(NBSP, text)


TYPOGRAPHY: Mapping[str, Callable[[str], str]] = {"ru": ru_typography}


def format_number(value: float, lang: str) -> str:
    """«1 500», «2,5» in Russian; "1,500", "2.5" in English; another language as Babel
    (CLDR) writes it."""
    if lang not in ("ru", "en"):
        return format_decimal(value, locale=lang, decimal_quantization=False)
    if value != int(value):
        return f"{value:g}".replace(".", "," if lang == "ru" else ".")
    return f"{int(value):,}".replace(",", NBSP if lang == "ru" else ",")


def lower_first(text: str) -> str:
    """Lower the first letter unless it starts an abbreviation («SEO», «PR»)."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


class _English:
    """The source language: message ids are English already."""

    def gettext(self, message: str, /) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int, /) -> str:
        return singular if n == 1 else plural


ENGLISH = _English()
_translations_for: Callable[[str], Translations] = lambda lang: ENGLISH  # noqa: E731
_current_lang: Callable[[], str] = lambda: "en"  # noqa: E731


def install(
    translations_for: Callable[[str], Translations], current_lang: Callable[[], str]
) -> tuple[Callable[[str], Translations], Callable[[], str]]:
    """Let the edge render messages: the catalog of a language, and the language of now.
    Returns what was installed before."""
    global _translations_for, _current_lang
    before = (_translations_for, _current_lang)
    _translations_for, _current_lang = translations_for, current_lang
    return before


def render_param(value: Any, lang: str, translations: Translations) -> Any:
    """One parameter in `lang` (see the module's docstring)."""
    if isinstance(value, Message):
        return _render(value, lang, translations)
    if isinstance(value, Text):
        return value.ru if lang == "ru" else value.en
    if isinstance(value, Quoted):
        quote = translations.gettext(QUOTE)
        return quote % {"text": render_param(value.text, lang, translations)}
    if isinstance(value, Number):
        return format_number(value.value, lang)
    if isinstance(value, Date):
        return format_date(value.value, value.format, locale=lang)
    if isinstance(value, Localized):
        return value.format(value.value, lang)
    if isinstance(value, LowerFirst):
        return lower_first(str(render_param(value.value, lang, translations)))
    return value


def _render(message: Message, lang: str, translations: Translations) -> str:
    params = {name: render_param(value, lang, translations) for name, value in message.params}
    if message.plural is not None:
        count = int(dict(message.params)[message.count or "num"])
        text = translations.ngettext(message.msgid, message.plural, count)
    else:
        text = translations.gettext(message.msgid)
    if params:
        text = text % params
    if message.typeset and lang in TYPOGRAPHY:
        text = TYPOGRAPHY[lang](text)
    return text


def render(message: Message, lang: str) -> str:
    """A message in `lang` through the installed catalogs (English without them)."""
    translations = ENGLISH if lang[:2] == "en" else _translations_for(lang)
    return _render(message, lang[:2], translations)


def english(message: Message) -> str:
    """A message in the source language, without any catalog (logs, CLI, sort keys)."""
    return _render(message, "en", ENGLISH)
