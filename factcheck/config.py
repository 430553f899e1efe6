"""Options and their defaults: the one place that says what ``factcheck`` does unless told otherwise.

Options come from three places, later ones winning:

1. the defaults of :class:`Options` (below);
2. a ``[tool.factcheck]`` table in ``pyproject.toml`` of the current directory;
3. keyword arguments (Python) or flags (command line).

>>> Options().fail_on, Options().format
('conflict', 'table')
>>> Options.from_mapping({"fail-on": "never", "new_only": True}).fail_on
'never'
>>> Options.from_mapping({"colour": "red"})
Traceback (most recent call last):
...
factcheck.config.ConfigError: unknown option 'colour' in [tool.factcheck]; known: fail-on, format, jobs, max-bytes, new-only, progress, store, tolerances

The comparison's tolerances are module constants documented in
``docs/configuration.md``; :func:`tolerances` lists their current values.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

__all__ = ["FAIL_ON", "FORMATS", "ConfigError", "Options", "load_options", "read_pyproject", "tolerances"]

#: Formats of ``factcheck compare --format``.
FORMATS: tuple[str, ...] = ("table", "json", "markdown", "html", "sarif", "junit")
#: Values of ``--fail-on``.
FAIL_ON: tuple[str, ...] = ("conflict", "never")


@attrs.frozen(kw_only=True)
class Tolerances:
    """How far values may differ and still agree: the one place for the comparison's tolerances.

    >>> Tolerances().join_minutes, Tolerances(age_years=0).age_years
    (5, 0)
    """

    #: minutes of slack when a start + a reported length should give a reported end
    join_minutes: float = 5
    #: years two reports may differ on a person's age (a birthday between them)
    age_years: float = 1
    #: how far apart two reported days of one event may be and still be one event with a date conflict
    date_conflict_window_days: float = 14
    #: minutes two clock times read to the minute may differ and still be one instant (7:41 and 7:42: one
    #: source rounds the seconds, another drops them)
    clock_minutes: float = 1


DEFAULT_TOLERANCES = Tolerances()


def _to_tolerances(value: object) -> Tolerances:
    """Tolerances from a mapping (``join-minutes`` or ``join_minutes``), or as given."""
    if isinstance(value, Tolerances):
        return value
    if isinstance(value, Mapping):
        known = {a.name for a in attrs.fields(Tolerances)}
        changes: dict[str, Any] = {}
        for key, raw in value.items():
            name = str(key).replace("-", "_")
            if name not in known:
                raise ConfigError(f"unknown tolerance {key!r}; known: {', '.join(sorted(known))}")
            try:
                changes[name] = float(raw)
            except (TypeError, ValueError):
                raise ConfigError(f"tolerance {key!r} must be a number, got {raw!r}") from None
        return attrs.evolve(DEFAULT_TOLERANCES, **changes)
    raise ConfigError(f"tolerances must be a table of numbers, got {value!r}")


class ConfigError(ValueError):
    """An option with an unknown name or an unusable value.

    >>> raise ConfigError("bad option")
    Traceback (most recent call last):
    ...
    factcheck.config.ConfigError: bad option
    """


def _one_of(choices: tuple[str, ...]) -> Any:
    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value not in choices:
            name = attribute.name.replace("_", "-")
            raise ConfigError(f"invalid {name} {value!r}: expected one of {', '.join(choices)}")

    return check


def _positive_int(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"invalid {attribute.name.replace('_', '-')} {value!r}: expected a positive integer")


def _bool(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise ConfigError(f"invalid {attribute.name.replace('_', '-')} {value!r}: expected true or false")


def _optional_bool(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _bool(_inst, attribute, value)


def _optional_str(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise ConfigError(f"invalid {attribute.name.replace('_', '-')} {value!r}: expected a path")


@attrs.frozen(kw_only=True)
class Options:
    """What ``factcheck compare`` / ``extract`` do, with their defaults.

    * ``format`` -- report format of ``compare`` (one of :data:`FORMATS`).
    * ``fail_on`` -- ``"conflict"``: exit 1 when a conflict is found; ``"never"``: exit 0.
    * ``store`` -- path of an SQLite store that keeps documents and facts
      between runs (see :mod:`factcheck.store`); ``None``: no store.
    * ``new_only`` -- with a store, report only findings that involve a
      document of this batch.
    * ``progress`` -- progress bar on standard error: ``None`` shows it when
      standard error is a terminal, ``True`` always, ``False`` never.
    * ``max_bytes`` -- largest file read (20 MB).
    * ``jobs`` -- worker processes for extraction.

    >>> Options(format="sarif").format
    'sarif'
    >>> Options(format="pdf")
    Traceback (most recent call last):
    ...
    factcheck.config.ConfigError: invalid format 'pdf': expected one of table, json, markdown, html, sarif, junit
    """

    format: str = attrs.field(default="table", validator=_one_of(FORMATS))
    fail_on: str = attrs.field(default="conflict", validator=_one_of(FAIL_ON))
    store: str | None = attrs.field(default=None, validator=_optional_str)
    new_only: bool = attrs.field(default=False, validator=_bool)
    progress: bool | None = attrs.field(default=None, validator=_optional_bool)
    max_bytes: int = attrs.field(default=20 * 1024 * 1024, validator=_positive_int)
    jobs: int = attrs.field(default=1, validator=_positive_int)
    tolerances: Tolerances = attrs.field(factory=Tolerances, converter=_to_tolerances)

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], *, base: Options | None = None,
                     where: str = "[tool.factcheck]") -> Options:
        """Options from a mapping (``fail-on`` or ``fail_on`` spellings), over ``base`` or the defaults.

        >>> Options.from_mapping({"max-bytes": 1000}, base=Options(format="json")).format
        'json'
        """
        known = {a.name for a in attrs.fields(cls)}
        changes: dict[str, Any] = {}
        for key, value in values.items():
            name = key.replace("-", "_")
            if name not in known:
                names = ", ".join(sorted(k.replace("_", "-") for k in known))
                raise ConfigError(f"unknown option {key!r} in {where}; known: {names}")
            changes[name] = value
        return attrs.evolve(base if base is not None else cls(), **changes)


def read_pyproject(directory: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The ``[tool.factcheck]`` table of ``pyproject.toml`` in ``directory`` (default: current), or ``{}``.

    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "pyproject.toml").write_text('[tool.factcheck]\\nfail-on = "never"\\n', encoding="utf-8")
    >>> read_pyproject(d)
    {'fail-on': 'never'}
    >>> read_pyproject(d / "nowhere")
    {}
    """
    path = Path(directory if directory is not None else Path.cwd()) / "pyproject.toml"
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    table = data.get("tool", {}).get("factcheck", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.factcheck] must be a table")
    return table


def load_options(directory: str | os.PathLike[str] | None = None, **overrides: Any) -> Options:
    """Defaults, then ``[tool.factcheck]`` from ``directory``'s pyproject.toml, then ``overrides`` not ``None``.

    >>> load_options("/nonexistent", format="json", store=None).format
    'json'
    """
    options = Options.from_mapping(read_pyproject(directory))
    given = {k: v for k, v in overrides.items() if v is not None}
    return Options.from_mapping(given, base=options, where="arguments")


def tolerances() -> dict[str, Any]:
    """The comparison's tolerances and the alignment's neighbourhood, by ``module.NAME``, as the code has them.

    >>> tolerances()["factcheck.config.Tolerances.join_minutes"]
    5
    """
    from factcheck.align import NEIGHBOURHOOD

    out: dict[str, Any] = {f"factcheck.config.Tolerances.{k}": v for k, v in attrs.asdict(DEFAULT_TOLERANCES).items()}
    out["factcheck.align.NEIGHBOURHOOD"] = NEIGHBOURHOOD
    return out
