# OVPO developer commands. README.md documents `make run` and `make test`.
MVN ?= mvn -B
SERVER_JAR := apps/server/target/ovpo-server.jar
PY_TESTS := python3 -m unittest discover -s sdk/python/tests -t sdk/python
PY_IT := python3 -m unittest discover -s sdk/python/tests/integration -t sdk/python/tests/integration

.PHONY: build test ui-test run demo server-jar fmt clean

build:            ## compile and package every module, tests skipped
	$(MVN) -q -DskipTests package

test:             ## the whole test suite: unit, contract, integration, SDK
	$(MVN) verify
	$(PY_TESTS)
	OVPO_SERVER_JAR=$(SERVER_JAR) OVPO_REQUIRE_SERVER=1 $(PY_IT)
	$(MAKE) ui-test

ui-test:          ## web UI: Vitest component tests, then browser tests (Chromium) against the server jar
	test -d ui/node_modules || (cd ui && npm ci --no-audit --no-fund)
	cd ui && npm test
	cd ui && OVPO_SERVER_JAR=../$(SERVER_JAR) npm run e2e

run: server-jar   ## build and start the all-in-one server, in-memory, on OVPO_PORT (8080)
	java -jar $(SERVER_JAR)

demo: server-jar  ## the same, with the demo pipeline's traces loaded at start
	OVPO_DEMO=true java -jar $(SERVER_JAR)

server-jar:
	$(MVN) -q -DskipTests -Dspotless.check.skip=true package -pl apps/server -am

fmt:              ## format Java sources (the build checks formatting in `verify`)
	$(MVN) -q spotless:apply

clean:
	$(MVN) -q clean
