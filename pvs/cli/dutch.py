"""Dutch help pages and usage errors for click, which writes its own texts in English."""

from __future__ import annotations

import re
from typing import Any

import click

import pvs

HELP_TEXT = "Toon deze hulp en stop."


class DutchCommand(click.Command):
    """A click command whose help page is Dutch."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPTIES]")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = " ".join(self.collect_usage_pieces(ctx))
        formatter.write_usage(ctx.command_path, pieces, prefix="Gebruik: ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = [
            (_dutch_metavar(name), _dutch_hints(text))
            for p in self.get_params(ctx)
            if isinstance(p, click.Option) and (record := p.get_help_record(ctx))
            for name, text in [record]
        ]
        if records:
            with formatter.section("Opties"):
                formatter.write_dl(records)


_METAVARS = {"PATH": "BESTAND", "TEXT": "TEKST", "INTEGER": "GETAL", "FILENAME": "BESTAND"}


def _dutch_hints(text: str) -> str:
    """Click's English hints in Dutch: no range ('[x>=1]'; the help says it), '[verplicht]'."""
    text = re.sub(r"\s*\[(?:\d+<=)?x(?:>=\d+|<=\d+)?\]$", "", text)
    return text.replace("[required]", "[verplicht]")


def _dutch_metavar(names: str) -> str:
    """'-o, --uitvoer PATH' -> '-o, --uitvoer BESTAND'."""
    return re.sub(r"\b(PATH|TEXT|INTEGER|FILENAME)\b", lambda m: _METAVARS[m.group(1)], names)


class DutchGroup(DutchCommand, click.Group):
    """A click group whose help page, including its list of commands, is Dutch."""

    command_class = DutchCommand

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", "OPDRACHT [ARGUMENTEN]...")
        super().__init__(*args, **kwargs)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        DutchCommand.format_options(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=formatter.width)))
        if rows:
            with formatter.section("Opdrachten"):
                formatter.write_dl(rows)


class DutchDate(click.ParamType):
    """A date as Dutch users write it (14-03-2027, 14-3-2027) or as ISO (2027-03-14)."""

    name = "datum"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        import datetime

        if isinstance(value, datetime.date):
            return value
        parsed = pvs.parse_date(str(value))
        if parsed is None:
            self.fail(f"'{value}' is geen datum; schrijf bijvoorbeeld 01-09-2027.", param, ctx)
        return parsed


def usage_message(error: click.UsageError) -> str:
    """A Dutch sentence for one of click's usage errors, with where to find help."""
    where = error.ctx.command_path if error.ctx else "pvs"
    return f"{_what_went_wrong(error)} Zie '{where} --help'."


def _what_went_wrong(error: click.UsageError) -> str:
    if isinstance(error, click.NoSuchOption):
        return f"Onbekende optie: {error.option_name}."
    if isinstance(error, click.BadOptionUsage):
        return f"Bij de optie {error.option_name} hoort een waarde."
    if isinstance(error, click.MissingParameter):
        return f"Er ontbreekt iets in de opdracht: {_name(error.param)}."
    if isinstance(error, click.BadParameter):
        return _bad_value(error)
    if error.message.startswith("No such command"):
        return "Onbekende opdracht."
    if error.message.startswith("Got unexpected extra argument"):
        return "Er staat iets te veel in de opdracht."
    return "De opdracht klopt niet."


def _bad_value(error: click.BadParameter) -> str:
    param = error.param
    if param is not None and isinstance(param.type, click.Choice):
        choices = ", ".join(str(c) for c in param.type.choices)
        return f"Ongeldige waarde bij {_name(param)}: kies uit {choices}."
    if param is not None and isinstance(param.type, click.IntRange):
        low, high = param.type.min, param.type.max
        span = f"van {low} tot en met {high}" if high is not None else f"van minstens {low}"
        return f"Ongeldige waarde bij {_name(param)}: kies een heel getal {span}."
    if param is not None and isinstance(param.type, DutchDate):
        return f"Ongeldige waarde bij {_name(param)}: {error.message}"
    return f"Ongeldige waarde bij {_name(param)}."


def _name(param: click.Parameter | Any) -> str:
    if isinstance(param, click.Option):
        return max(param.opts, key=len)
    if isinstance(param, click.Argument):
        return (param.metavar or str(param.name).upper()).rstrip(".")
    return "een waarde"
