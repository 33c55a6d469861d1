# OVPO developer commands. README.md documents `make run` and `make test`.
MVN ?= mvn -B
SERVER_JAR := apps/server/target/ovpo-server.jar
PY_TESTS := python3 -m unittest discover -s sdk/python/tests -t sdk/python

.PHONY: build test run demo fmt clean

build:            ## compile and package every module, tests skipped
	$(MVN) -q -DskipTests package

test:             ## the whole test suite: unit, contract, integration, SDK
	$(MVN) verify
	OVPO_SERVER_JAR=$(SERVER_JAR) OVPO_REQUIRE_SERVER=1 $(PY_TESTS)

run: $(SERVER_JAR) ## build (if needed) and start the all-in-one server, in-memory
	java -jar $(SERVER_JAR)

demo: $(SERVER_JAR) ## start the all-in-one server with the demo pipeline's traces loaded
	OVPO_DEMO=true java -jar $(SERVER_JAR)

$(SERVER_JAR):
	$(MVN) -q -DskipTests package -pl apps/server -am

fmt:              ## format Java sources (the build checks formatting in `verify`)
	$(MVN) -q spotless:apply

clean:
	$(MVN) -q clean
