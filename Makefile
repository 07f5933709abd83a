# What users type. The build itself is CMake + Ninja, one directory per port.
#   make run            build the posix simulator and boot it in this terminal
#   make run BOARD=mps2-an385   build the Cortex-M3 firmware and boot it under QEMU
#   make test           unit + e2e tests (normal and sanitizer builds), one summary line
#   make bench | size | clean
BOARD ?= posix
BUILD := build/$(BOARD)
IMAGE ?= build/posix/flash.img
CMAKE_FLAGS ?=

.PHONY: all run test bench size clean build-posix build-asan build-mps2-an385 docs powercut fuzz

all: build-posix

build-posix:
	@cmake -S . -B build/posix -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	@ninja -C build/posix --quiet

build-asan:
	@cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DUPYOS_SANITIZE=ON $(CMAKE_FLAGS) >/dev/null
	@ninja -C build/asan --quiet

# The simulator boots from a 2 MB flash image made from rootfs/ on the first run and kept
# after, as a board keeps its flash. `make run ROOT=dir` boots a host directory instead.
$(IMAGE):
	@./build/posix/tools/mkfs -s 2M $(IMAGE) rootfs >/dev/null

build-mps2-an385:
	@cmake -S . -B build/mps2 -G Ninja -DPORT=mps2-an385 $(CMAKE_FLAGS) >/dev/null
	@ninja -C build/mps2 --quiet

ifeq ($(BOARD),mps2-an385)
run: build-mps2-an385
	@ports/mps2-an385/run-qemu.sh build/mps2/ports/mps2-an385/upyos.elf
else ifdef ROOT
run: build-posix
	@./build/posix/ports/posix/upyos --root $(ROOT)
else
run: build-posix $(IMAGE)
	@./build/posix/ports/posix/upyos --image $(IMAGE)
endif

test:
	@tools/run_tests.sh

# The long power-cut run: 100,000 cuts (POWERCUT_CUTS=N for another count).
powercut: build-posix
	@POWERCUT_CUTS=$${POWERCUT_CUTS:-100000} ./build/posix/tests/unit/test_powercut

bench: build-posix
	@/usr/bin/python3 bench/run.py

size:
	@tools/size.sh

docs: build-posix
	@./build/posix/ports/posix/upyos --commands-md > docs/commands.md

clean:
	rm -rf build
