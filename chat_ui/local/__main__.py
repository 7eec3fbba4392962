"""Run the local chat API alone: ``python -m chat_ui.local --port 8765 [--host 127.0.0.1]``."""

from __future__ import annotations

import argparse

import uvicorn

from chat_ui.local.app import create_app
from chat_ui.local.settings import LocalSettings


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m chat_ui.local", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--log-level", default="info")
    args = parser.parse_args(argv)
    settings = LocalSettings.from_env()
    print(f"chat_ui local API on http://{args.host}:{args.port}  db={settings.db_path}  corpus={settings.corpus_dir}")
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level=args.log_level)


if __name__ == "__main__":
    main()
