"""JSON logs (``CHAT_UI_LOG_FORMAT=json``): one object a line, every logger's records included.

The turn lines carry ids and figures, never what was said: the prompt and answer appear only with
``CHAT_UI_LOG_CONTENT=1``. Anything that looks like a credential in a message is masked, so a key,
cookie, password or bearer token that a library logs does not reach the log either.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sys
from datetime import datetime, timezone
from typing import Any

TURN_LOGGER = "chat_ui.turns"
_STD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}
_SECRET = re.compile(
    r"(?i)(bearer\s+[A-Za-z0-9._~+/=-]+|(?:api[_-]?key|password|passwd|token|secret|cookie|authorization)"
    r"[\"']?\s*[:=]\s*[\"']?[^\s\"',;]+|llx-[A-Za-z0-9]+)")


def json_logs() -> bool:
    return os.environ.get("CHAT_UI_LOG_FORMAT", "").strip().lower() == "json"


def log_content() -> bool:
    return os.environ.get("CHAT_UI_LOG_CONTENT", "").strip() == "1"


def redact(text: str) -> str:
    return _SECRET.sub(lambda m: _mask(m.group(0)), text)


def _mask(found: str) -> str:
    for sep in (":", "=", " "):
        if sep in found:
            return found.split(sep, 1)[0] + sep + "[redacted]"
    return "[redacted]"


def person_id(owner: str) -> str:
    """Pseudonymous: the same person gives the same id, which does not give the owner back."""
    if not owner:
        return ""
    from chat_ui.access.secret import derived_key

    return hashlib.blake2s(owner.encode(), key=derived_key("log-person")[:32], digest_size=8).hexdigest()


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": redact(record.getMessage()),
            "pid": record.process,
        }
        for key, value in vars(record).items():
            if key not in _STD and not key.startswith("_"):
                data[key] = value
        if record.exc_info:
            data["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(data, default=str, ensure_ascii=False)


def configure() -> None:
    """JSON lines on stdout for the root logger and the servers' own loggers (idempotent)."""
    if not json_logs():
        return
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    handler.set_name("chat_ui.json")
    root = logging.getLogger()
    if not any(h.get_name() == "chat_ui.json" for h in root.handlers):
        root.handlers = [handler]
        root.setLevel(logging.INFO)
    for noisy in ("httpx", "httpcore"):  # a line per backend request would drown the turn lines
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # Granian's and Reflex's loggers keep their own handlers (propagate off): they get ours instead.
    for name in ("_granian", "granian.access", "reflex", "uvicorn", "uvicorn.error", "uvicorn.access"):
        lg = logging.getLogger(name)
        lg.handlers = [handler]
        lg.propagate = False


def turn_line(event: str, **fields: Any) -> None:
    """A turn's start or end, as one record with its fields (JSON keys in JSON mode)."""
    logging.getLogger(TURN_LOGGER).info("turn %s", event, extra={"event": f"turn_{event}", **fields})


def granian_dictconfig() -> dict[str, Any]:
    """Granian configures its own loggers when it starts serving; this makes them JSON too."""
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"}
    return {
        "version": 1, "disable_existing_loggers": False,
        "formatters": {"json": {"()": "chat_ui.ops.logs.JsonFormatter"}},
        "handlers": {"console": handler, "access": handler},
        "loggers": {"_granian": {"handlers": ["console"], "level": "INFO", "propagate": False},
                    "granian.access": {"handlers": ["access"], "level": "INFO", "propagate": False}},
    }
