# hwcheck: build, test, and the one binary to carry.
#   make            debug build            make test       the test suite (scripts/test.sh)
#   make dist       dist/: static-runtime binary, checksum, man page, bash/zsh/fish completions
#   make install    dist/ into $(DESTDIR)$(PREFIX)     make clean
PREFIX ?= /usr/local
DESTDIR ?=
DATE ?= 2026-11-29

.PHONY: all build test dist dist-check install clean
all: build

build:
	scripts/deps.sh
	swift build

test:
	scripts/test.sh

# The Swift runtime is linked statically (in its own build folder, .build-dist): the binary needs only glibc,
# libudev, libpci (and libstdc++, zlib), all of which a Debian live system has. dist-check proves it: the NEEDED
# entries (readelf) and a run with the Swift toolchain hidden in a private mount namespace.
dist:
	scripts/dist.sh "$(DATE)"

dist-check: dist
	scripts/dist-check.sh

install: dist
	install -D -m 0755 dist/bin/hwcheck "$(DESTDIR)$(PREFIX)/bin/hwcheck"
	install -D -m 0755 dist/bin/hwcheck-inventory "$(DESTDIR)$(PREFIX)/bin/hwcheck-inventory"
	install -D -m 0644 dist/share/man/man1/hwcheck.1 "$(DESTDIR)$(PREFIX)/share/man/man1/hwcheck.1"
	install -D -m 0644 dist/share/bash-completion/completions/hwcheck "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/hwcheck"
	install -D -m 0644 dist/share/zsh/site-functions/_hwcheck "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_hwcheck"
	install -D -m 0644 dist/share/fish/vendor_completions.d/hwcheck.fish "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/hwcheck.fish"

clean:
	rm -rf .build .build-dist dist
