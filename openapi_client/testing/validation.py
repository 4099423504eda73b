"""Request validation that reproduces FastAPI + pydantic v2 error bodies (HTTP 422)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from email.message import Message
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

ValidationErrors = List[Dict[str, Any]]

INT_PARSING_MSG = "Input should be a valid integer, unable to parse string as an integer"

# pydantic's lax str -> int: surrounding whitespace, a sign, ASCII digits with
# single underscores between them, and an optional all-zero fraction ("1.0").
_LAX_INT = re.compile(r"[+-]?[0-9]+(?:_[0-9]+)*(?:\.0+)?", re.ASCII)


class BodyParseError(Exception):
    """A body FastAPI cannot even decode (bad UTF-8...): it answers 400, not 422."""


def parse_int(raw: str) -> Optional[int]:
    """``raw`` as pydantic v2 would coerce it to ``int`` in lax mode, or ``None``."""
    text = raw.strip()
    if not _LAX_INT.fullmatch(text):
        return None
    return int(text.partition(".")[0])


def int_param(name: str, raw: str) -> Tuple[Optional[int], ValidationErrors]:
    """Validate an integer path parameter; errors use FastAPI's ``["path", name]`` location."""
    value = parse_int(raw)
    if value is not None:
        return value, []
    return None, [{"type": "int_parsing", "loc": ["path", name], "msg": INT_PARSING_MSG, "input": raw}]


def _is_json_content_type(content_type: Optional[str]) -> bool:
    if not content_type:
        return True  # FastAPI parses a body without Content-Type as JSON
    message = Message()
    message["content-type"] = content_type
    if message.get_content_maintype() != "application":
        return False
    subtype = message.get_content_subtype()
    return subtype == "json" or subtype.endswith("+json")


def decode_body(body: bytes, content_type: Optional[str]) -> Tuple[Any, ValidationErrors]:
    """The body value FastAPI validates: parsed JSON, ``None`` if empty, or the text for other types.

    Raises ``BodyParseError`` where FastAPI answers 400.
    """
    if not body:
        return None, []
    if not _is_json_content_type(content_type):
        return body.decode("utf-8", "replace"), []
    try:
        return json.loads(body), []
    except json.JSONDecodeError as exc:
        return None, [
            {"type": "json_invalid", "loc": ["body", exc.pos], "msg": "JSON decode error", "input": {}, "ctx": {"error": exc.msg}}
        ]
    except (UnicodeDecodeError, RecursionError, ValueError) as exc:
        raise BodyParseError(str(exc)) from exc


def _not_an_object(value: Any) -> Optional[ValidationErrors]:
    if value is None:
        return [{"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}]
    if not isinstance(value, dict):
        return [
            {
                "type": "model_attributes_type",
                "loc": ["body"],
                "msg": "Input should be a valid dictionary or object to extract fields from",
                "input": value,
            }
        ]
    return None


def _literal_expected(values: Sequence[str]) -> str:
    quoted = [f"'{value}'" for value in values]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _field_errors(loc: List[Union[str, int]], kind: Kind, value: Any) -> Tuple[Any, ValidationErrors]:
    """Check one present, non-null field value as pydantic v2 in lax mode would; returns it coerced."""
    if kind == "str":
        if isinstance(value, str):
            return value, []
        return None, [{"type": "string_type", "loc": loc, "msg": "Input should be a valid string", "input": value}]
    if kind == "int":
        return _lax_int(loc, value)
    if kind == "dict":
        if isinstance(value, dict):
            return value, []
        return None, [{"type": "dict_type", "loc": loc, "msg": "Input should be a valid dictionary", "input": value}]
    if isinstance(kind, IntRange):
        number, int_errors = _lax_int(loc, value)
        return (number, int_errors) if int_errors else kind.check(loc, number, value)
    if kind in ("int_dict", "str_dict"):
        if not isinstance(value, dict):
            return None, [{"type": "dict_type", "loc": loc, "msg": "Input should be a valid dictionary", "input": value}]
        item_kind = "int" if kind == "int_dict" else "str"
        checked = {key: _field_errors(loc + [key], item_kind, item) for key, item in value.items()}
        return {key: item for key, (item, _) in checked.items()}, [e for _, found in checked.values() for e in found]
    if kind == "str_list":
        if not isinstance(value, list):
            return None, [{"type": "list_type", "loc": loc, "msg": "Input should be a valid list", "input": value}]
        errors: ValidationErrors = []
        for index, item in enumerate(value):
            errors += _field_errors(loc + [index], "str", item)[1]
        return value, errors
    expected = _literal_expected(kind)
    if isinstance(value, str) and value in kind:
        return value, []
    return None, [
        {"type": "literal_error", "loc": loc, "msg": f"Input should be {expected}", "input": value, "ctx": {"expected": expected}}
    ]


def _lax_int(loc: List[Union[str, int]], value: Any) -> Tuple[Any, ValidationErrors]:
    if isinstance(value, bool):
        return int(value), []
    if isinstance(value, int):
        return value, []
    if isinstance(value, float):
        if value.is_integer():
            return int(value), []
        msg = "Input should be a valid integer, got a number with a fractional part"
        return None, [{"type": "int_from_float", "loc": loc, "msg": msg, "input": value}]
    if isinstance(value, str):
        parsed = parse_int(value)
        if parsed is not None:
            return parsed, []
        return None, [{"type": "int_parsing", "loc": loc, "msg": INT_PARSING_MSG, "input": value}]
    return None, [{"type": "int_type", "loc": loc, "msg": "Input should be a valid integer", "input": value}]


@dataclass(frozen=True)
class IntRange:
    """An integer with bounds (pydantic's ``ge``/``le``; ``None``: unbounded on that side)."""

    ge: Optional[int]
    le: Optional[int]

    def check(self, loc: List[Union[str, int]], number: int, raw: Any) -> Tuple[Any, ValidationErrors]:
        """``number`` if within bounds, else pydantic's error quoting ``raw`` (what was sent)."""
        if self.ge is not None and number < self.ge:
            msg = f"Input should be greater than or equal to {self.ge}"
            return None, [{"type": "greater_than_equal", "loc": loc, "msg": msg, "input": raw, "ctx": {"ge": self.ge}}]
        if self.le is not None and number > self.le:
            msg = f"Input should be less than or equal to {self.le}"
            return None, [{"type": "less_than_equal", "loc": loc, "msg": msg, "input": raw, "ctx": {"le": self.le}}]
        return number, []


Kind = Union[str, Tuple[str, ...], IntRange]
"""A field's type: ``"str"``, ``"int"``, ``"dict"``, ``"str_list"``, ``"int_dict"``/``"str_dict"`` (an
object of integers/strings), an ``IntRange`` or a tuple of literal strings."""

FieldSpec = Tuple[str, Kind, bool]
"""``(name, kind, required)``; optional fields also accept ``null``."""

CREATE_AGENT_RUN_INPUT: Tuple[FieldSpec, ...] = (
    ("prompt", "str", True),
    ("images", "str_list", False),
    ("metadata", "dict", False),
    ("repo_id", "int", False),
    ("model", "str", False),
    ("agent_type", ("codegen", "claude_code"), False),
)
RESUME_AGENT_RUN_INPUT: Tuple[FieldSpec, ...] = (
    ("agent_run_id", "int", True),
    ("prompt", "str", True),
    ("images", "str_list", False),
)
STOP_AGENT_RUN_INPUT: Tuple[FieldSpec, ...] = (
    ("agent_run_id", "int", True),
    ("before_card_order_id", "str", False),
    ("after_card_order_id", "str", False),
)
EDIT_PR_INPUT: Tuple[FieldSpec, ...] = (("state", ("open", "closed", "draft", "ready_for_review"), True),)
CHECK_SUITE_SETTINGS_REQUEST: Tuple[FieldSpec, ...] = (
    ("check_retry_count", IntRange(0, 10), False),
    ("ignored_checks", "str_list", False),
    ("check_retry_counts", "int_dict", False),
    ("custom_prompts", "str_dict", False),
    ("high_priority_apps", "str_list", False),
)
GENERATE_SETUP_COMMANDS_INPUT: Tuple[FieldSpec, ...] = (
    ("repo_id", "int", True),
    ("prompt", "str", False),
    ("trigger_source", "str", False),
)
GENERATE_TOKEN_REQUEST: Tuple[FieldSpec, ...] = (("org_id", "int", True),)


def body_model(value: Any, fields: Sequence[FieldSpec]) -> Tuple[Optional[Dict[str, Any]], ValidationErrors]:
    """Validate a decoded body against a model's fields; every field's errors are reported, in field order."""
    not_object = _not_an_object(value)
    if not_object is not None:
        return None, not_object
    out: Dict[str, Any] = {}
    errors: ValidationErrors = []
    for name, kind, required in fields:
        if name not in value:
            if required:
                errors.append({"type": "missing", "loc": ["body", name], "msg": "Field required", "input": value})
            else:
                out[name] = None
            continue
        if value[name] is None and not required:
            out[name] = None
            continue
        coerced, field_errors = _field_errors(["body", name], kind, value[name])
        errors += field_errors
        out[name] = coerced
    return (None if errors else out), errors


# -- query parameters ----------------------------------------------------------


def query_int(
    name: str, raw: Optional[str], default: Optional[int], *, ge: Optional[int] = None, le: Optional[int] = None
) -> Tuple[Optional[int], ValidationErrors]:
    """An integer query parameter with optional bounds; errors at ``["query", name]`` with the raw input."""
    if raw is None:
        return default, []
    loc: List[Union[str, int]] = ["query", name]
    value = parse_int(raw)
    if value is None:
        return None, [{"type": "int_parsing", "loc": loc, "msg": INT_PARSING_MSG, "input": raw}]
    return IntRange(ge, le).check(loc, value, raw)


def query_required(name: str, raw: Optional[str]) -> ValidationErrors:
    """The error of a required query parameter that is absent, else none."""
    return [{"type": "missing", "loc": ["query", name], "msg": "Field required", "input": None}] if raw is None else []


def query_page(query: Mapping[str, str]) -> Tuple[int, int, ValidationErrors]:
    """``skip`` (>= 0, default 0) and ``limit`` (1..100, default 100), as every paged operation takes them."""
    skip, errors = query_int("skip", query.get("skip"), 0, ge=0)
    limit, limit_errors = query_int("limit", query.get("limit"), 100, ge=1, le=100)
    return skip or 0, limit or 100, errors + limit_errors


def query_enum(name: str, raw: Optional[str], values: Sequence[str]) -> Tuple[Optional[str], ValidationErrors]:
    """An optional enum query parameter; pydantic's ``enum`` error lists the members."""
    if raw is None or raw in values:
        return raw, []
    expected = _literal_expected(values)
    return None, [
        {"type": "enum", "loc": ["query", name], "msg": f"Input should be {expected}", "input": raw, "ctx": {"expected": expected}}
    ]


_TRUE = {"1", "on", "t", "true", "y", "yes"}
_FALSE = {"0", "off", "f", "false", "n", "no"}


def query_bool(name: str, raw: Optional[str], default: bool) -> Tuple[bool, ValidationErrors]:
    """A boolean query parameter, with the strings pydantic v2 accepts."""
    if raw is None:
        return default, []
    if raw.lower() in _TRUE:
        return True, []
    if raw.lower() in _FALSE:
        return False, []
    msg = "Input should be a valid boolean, unable to interpret input"
    return default, [{"type": "bool_parsing", "loc": ["query", name], "msg": msg, "input": raw}]
