# Consulta. `make run` serves the demo on http://localhost:8080; `make test` runs every test,
# the store's on SQLite and on PostgreSQL (CONSULTA_SKIP_PG=1 skips PostgreSQL outside CI).
GO      ?= go
BIN     := bin/consulta
DEMO_DB ?= ./data/demo.db

.PHONY: run build test deps vet fmt-check bench screenshots fuzz vendor clean

build:
	$(GO) build -trimpath -o $(BIN) ./cmd/consulta

run: build
	$(BIN) serve --demo --db $(DEMO_DB) --addr :8080

# deps installs what the tests need on a fresh machine: Debian's Chromium for browser tests,
# Debian's PostgreSQL (the store tests start a throwaway cluster of it as nobody, see
# internal/store/pgtest), poppler-utils to check the printed report page by page, and axe-core
# (pinned in internal/web/testdata/axe) for the accessibility test.
AXE := internal/web/testdata/axe
deps:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing chromium from Debian's packages"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
		echo "installing postgresql from Debian's packages"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null; }
	@command -v pdftoppm >/dev/null 2>&1 || { \
		echo "installing poppler-utils (pdftoppm, pdftotext) from Debian's packages"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; }
	@test -f $(AXE)/node_modules/axe-core/axe.min.js || { \
		command -v npm >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }; \
		npm ci --silent --no-audit --no-fund --prefix $(AXE); }

fmt-check:
	@out=$$(gofmt -l cmd internal templates static surveys); if [ -n "$$out" ]; then echo "gofmt would change: $$out"; exit 1; fi

vet:
	$(GO) vet ./...

# Every package runs under the race detector except internal/web, whose tests spend their time in
# headless Chromium: under -race they overran the time limit, so they run without it (the
# concurrent code they drive, store and results, is race-tested in its own packages).
test: deps fmt-check vet
	$(GO) test -race -timeout 12m $$($(GO) list ./... | grep -v '/internal/web$$')
	$(GO) test -timeout 25m ./internal/web

# bench starts the server on a loopback port with a fresh database and prints one table.
bench: build
	$(GO) run ./cmd/bench --binary $(BIN) --json bench.json

# screenshots saves into ./screenshots a PNG of every child screen at tablet size, the child and
# adult last screens, the kiosk welcome after a participant who switched language, the paper form
# after an error, the results summary, every page of the A4 report (via pdftoppm) and the "what
# we heard" page on a phone.
SHOTS := TestChildSurveyTapping|TestLastScreenSendsThenThanks|TestKioskNextPersonStartsInDefaultLanguage|TestPaperFormAsWritten|TestResultsCouncilSummary|TestReportPrintsOnA4|TestHeardOnAPhone
screenshots: deps
	SCREENSHOTS_DIR=$(CURDIR)/screenshots $(GO) test ./internal/web/ -run '^($(SHOTS))$$' -count=1

# fuzz runs each fuzz target for FUZZTIME (the seed corpora already run in `make test`).
FUZZTIME ?= 5m
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParseExpr$$' -fuzztime $(FUZZTIME) ./internal/survey/
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./internal/survey/
	$(GO) test -run '^$$' -fuzz '^FuzzSubmission$$' -fuzztime $(FUZZTIME) ./internal/web/
	$(GO) test -run '^$$' -fuzz '^FuzzImport$$' -fuzztime $(FUZZTIME) ./internal/xlsform/
	$(GO) test -run '^$$' -fuzz '^FuzzImportSheets$$' -fuzztime $(FUZZTIME) ./internal/xlsform/

# vendor fetches echarts again from the npm registry and checks it is the pinned file.
ECHARTS_VERSION := 5.6.0
vendor:
	rm -rf /tmp/consulta-echarts && mkdir -p /tmp/consulta-echarts
	cd /tmp/consulta-echarts && npm pack --silent echarts@$(ECHARTS_VERSION) && tar xzf echarts-$(ECHARTS_VERSION).tgz
	cp /tmp/consulta-echarts/package/dist/echarts.min.js /tmp/consulta-echarts/package/LICENSE /tmp/consulta-echarts/package/NOTICE static/vendor/echarts/
	cd static/vendor/echarts && sha256sum -c SHA256SUMS

clean:
	rm -rf bin
