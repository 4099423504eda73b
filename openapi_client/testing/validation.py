"""Request validation that reproduces FastAPI + pydantic v2 error bodies (HTTP 422)."""

from __future__ import annotations

import json
import re
from email.message import Message
from typing import Any, Dict, List, Optional, Tuple, Union

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


def create_input(value: Any) -> Tuple[Optional[str], ValidationErrors]:
    """Validate a decoded body against ``CreateAgentRunInput``; returns the prompt or errors."""
    if value is None:
        return None, [{"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}]
    if not isinstance(value, dict):
        return None, [
            {
                "type": "model_attributes_type",
                "loc": ["body"],
                "msg": "Input should be a valid dictionary or object to extract fields from",
                "input": value,
            }
        ]
    if "prompt" not in value:
        return None, [{"type": "missing", "loc": ["body", "prompt"], "msg": "Field required", "input": value}]
    prompt: Union[str, Any] = value["prompt"]
    if not isinstance(prompt, str):
        return None, [{"type": "string_type", "loc": ["body", "prompt"], "msg": "Input should be a valid string", "input": prompt}]
    return prompt, []
