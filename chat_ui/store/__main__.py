"""``python -m chat_ui.store upgrade|current|revision -m "…"``: the store's migrations by hand
(the app applies them itself at start-up; this is for operators and for writing new ones)."""

from __future__ import annotations

import argparse

from alembic import command

from chat_ui.store.migrate import alembic_config, ensure_migrated
from chat_ui.store.settings import database_url, safe_url


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m chat_ui.store")
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("upgrade", help="apply every migration (under the start-up lock)")
    sub.add_parser("current", help="print the database's revision")
    rev = sub.add_parser("revision", help="write a new migration's skeleton")
    rev.add_argument("-m", "--message", required=True)
    rev.add_argument("--autogenerate", action="store_true")
    args = parser.parse_args()
    if args.cmd == "upgrade":
        ensure_migrated()
        print(f"{safe_url(database_url())}: up to date")
    elif args.cmd == "current":
        command.current(alembic_config(), verbose=True)
    else:
        command.revision(alembic_config(), message=args.message, autogenerate=args.autogenerate)


if __name__ == "__main__":
    main()
