# Thin wrapper around CMake, in the manner of cmark.
BUILDDIR ?= build
ASANDIR  ?= build-asan
FUZZDIR  ?= build-fuzz
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
SHARED ?= $(abspath ../shared)
PREFIX ?= /usr/local
DESTDIR ?=

TSANDIR  ?= build-tsan

.PHONY: all deps build check asan-check tsan-check demo bench models fuzz fuzz-analyze fuzz-model fuzz-brat fuzz-extract fuzz-warc clean install

all: build

deps:
	@sh tools/install-deps --test

$(BUILDDIR)/Makefile: CMakeLists.txt
	@sh tools/install-deps
	cmake -S . -B $(BUILDDIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DPRECIS_SHARED_DIR=$(SHARED)

build: $(BUILDDIR)/Makefile
	cmake --build $(BUILDDIR) -j $(JOBS)

check: build
	@sh tools/install-deps --test
	cd $(BUILDDIR) && ctest --output-on-failure -j $(JOBS)

asan-check:
	@sh tools/install-deps --test
	cmake -S . -B $(ASANDIR) -DCMAKE_BUILD_TYPE=Debug -DPRECIS_SANITIZE=ON -DPRECIS_SHARED_DIR=$(SHARED)
	cmake --build $(ASANDIR) -j $(JOBS)
	cd $(ASANDIR) && ctest --output-on-failure -j $(JOBS)

# The thread rules of precis.h under ThreadSanitizer: concurrent analyses
# (racing the built-in models' decode), renders, options and model loading;
# and the CLI's -j threads (reader, workers, writer, progress line).
tsan-check:
	@sh tools/install-deps --test
	cmake -S . -B $(TSANDIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPRECIS_TSAN=ON -DPRECIS_SHARED_DIR=$(SHARED)
	cmake --build $(TSANDIR) -j $(JOBS) --target test_threads test_errors precis
	cd $(TSANDIR) && TSAN_OPTIONS=halt_on_error=1 ctest --output-on-failure -R 'unit/test_(threads|errors)$$|script/(jobs|progress)$$'

demo: build
	./$(BUILDDIR)/precis --demo

# make bench [PRECIS_BASELINE=/path/to/older/precis]: quality and speed (BENCHMARKS.md)
bench: build
	PRECIS_BASELINE="$(PRECIS_BASELINE)" ./bench/run.sh $(BUILDDIR)/precis $(SHARED)

models: build
	./tools/train-models.sh $(BUILDDIR)/precis $(SHARED)

# make fuzz [FUZZ_SECONDS=60]: every libFuzzer target in turn, FUZZ_SECONDS
# each -- articles (fuzz-analyze), model files, brat files, web pages (the
# HTML extractor) and WARC files; each also runs alone (make fuzz-warc, ...).
fuzz: fuzz-analyze fuzz-model fuzz-brat fuzz-extract fuzz-warc

# The library is built with coverage (fuzzer-no-link) and ASan/UBSan too, so
# the fuzzer sees and checks its code; new inputs go to $(FUZZDIR)/corpus,
# fuzz/corpus holds the seeds.
fuzz-analyze:
	CC=clang cmake -S . -B $(FUZZDIR) -DCMAKE_BUILD_TYPE=Debug -DPRECIS_FUZZ=ON -DPRECIS_SANITIZE=ON \
	  -DCMAKE_C_FLAGS="-O1 -fsanitize=fuzzer-no-link"
	cmake --build $(FUZZDIR) -j $(JOBS) --target fuzz_analyze
	mkdir -p $(FUZZDIR)/corpus
	./$(FUZZDIR)/fuzz_analyze -max_total_time=$${FUZZ_SECONDS:-60} -max_len=65536 -timeout=30 \
	  -artifact_prefix=$(FUZZDIR)/ \
	  $(FUZZDIR)/corpus fuzz/corpus

# make install [PREFIX=/usr/local] [DESTDIR=/staging/root]: the precis tool,
# libprecis.so.N and libprecis.a, precis.h and precis_version.h,
# libprecis.pc, the CMake package (find_package(precis)) and the man pages
# precis(1) and precis(3).
install: $(BUILDDIR)/Makefile
	cmake -S . -B $(BUILDDIR) -DCMAKE_INSTALL_PREFIX=$(PREFIX) >/dev/null
	cmake --build $(BUILDDIR) -j $(JOBS) --target precis_installables
	DESTDIR="$(DESTDIR)" cmake --install $(BUILDDIR)

# The other parsers of outside data: model files, brat .ann files and web
# pages (precis_extract: seeds in fuzz/corpus-extract), WARC files (cli/warc.c:
# seeds in fuzz/corpus-warc).  The
# model seeds are small models trained by precis itself on fuzz/tiny.conllu.
fuzz-model fuzz-brat fuzz-extract fuzz-warc: fuzz-%:
	CC=clang cmake -S . -B $(FUZZDIR) -DCMAKE_BUILD_TYPE=Debug -DPRECIS_FUZZ=ON -DPRECIS_SANITIZE=ON \
	  -DCMAKE_C_FLAGS="-O1 -fsanitize=fuzzer-no-link"
	cmake --build $(FUZZDIR) -j $(JOBS) --target fuzz_$* precis precis_model_image
	mkdir -p $(FUZZDIR)/corpus-$* fuzz/corpus-$*
	if [ $* = model ]; then \
	  ./$(FUZZDIR)/precis train pos fuzz/tiny.conllu fuzz/tiny.conllu -o $(FUZZDIR)/corpus-$*/pos.bin --no-clusters --epochs 2 && \
	  ./$(FUZZDIR)/precis train ner fuzz/tiny.conll fuzz/tiny.conll -o $(FUZZDIR)/corpus-$*/ner.bin --epochs 2 && \
	  ./$(FUZZDIR)/precis train parse fuzz/tiny.conllu fuzz/tiny.conllu -o $(FUZZDIR)/corpus-$*/parse.bin \
	    --epochs 2 --runs 1 --jackknife 1 --prune 0.01 -q && \
	  ./$(FUZZDIR)/precis train attrib fuzz/tiny-attrib fuzz/tiny-attrib -o $(FUZZDIR)/corpus-$*/attrib.bin \
	    --epochs 2 --prune 0.01 -q && \
	  for m in pos ner parse attrib; do \
	    ./$(FUZZDIR)/precis_model_image $(FUZZDIR)/corpus-$*/$$m.bin $(FUZZDIR)/corpus-$*/$$m.img || exit 1; done; fi
	if [ $* = extract ]; then cp tests/extract/*.html $(FUZZDIR)/corpus-$*/; fi
	./$(FUZZDIR)/fuzz_$* -max_total_time=$${FUZZ_SECONDS:-60} -max_len=1048576 -timeout=30 -rss_limit_mb=1024 \
	  -artifact_prefix=$(FUZZDIR)/ $(FUZZDIR)/corpus-$* fuzz/corpus-$*

clean:
	rm -rf $(BUILDDIR) $(ASANDIR) $(FUZZDIR)
