# What users type. The build itself is CMake + Ninja, one directory per port.
#   make run            build the posix simulator and boot it in this terminal
#   make test           unit + e2e tests (normal and sanitizer builds), one summary line
#   make sdk-example    build the example programs (sdk/examples); SRC=file.c builds that one
#   make bench | size | clean
BOARD ?= posix
BUILD := build/$(BOARD)
ROOT ?= $(BUILD)/root
CMAKE_FLAGS ?=

.PHONY: all run test bench size clean build-posix build-asan docs sdk-example examples

all: build-posix

build-posix:
	@cmake -S . -B build/posix -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	@ninja -C build/posix --quiet

build-asan:
	@cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DUPYOS_SANITIZE=ON $(CMAKE_FLAGS) >/dev/null
	@ninja -C build/asan --quiet

# The root filesystem of the simulator: a copy of rootfs/ made on first run and kept after.
$(BUILD)/root:
	@mkdir -p $(BUILD)
	@cp -r rootfs $(BUILD)/root

# The example programs are built with the simulator and copied into its /opt on every run, so
# the root always has the ones matching the kernel (binaries are never committed).
EXAMPLES := $(basename $(notdir $(wildcard sdk/examples/*.c)))
examples: build-posix $(ROOT)
	@mkdir -p $(ROOT)/opt
	@cp $(addprefix build/posix/modules/,$(EXAMPLES)) $(ROOT)/opt/

run: examples
	@./build/posix/ports/posix/upyos --root $(ROOT)

# One C file into a module: make sdk-example SRC=hello.c [OUT=build/posix/modules/hello]
ifdef SRC
OUT ?= build/posix/modules/$(basename $(notdir $(SRC)))
sdk-example:
	@cmake -DSRC=$(abspath $(SRC)) -DOUT=$(abspath $(OUT)) -P sdk/build_module.cmake
else
sdk-example: build-posix
	@ls build/posix/modules/ | sed 's|^|built: build/posix/modules/|'
endif

test:
	@tools/run_tests.sh

bench: build-posix
	@/usr/bin/python3 bench/run.py

size:
	@tools/size.sh

docs: build-posix
	@./build/posix/ports/posix/upyos --commands-md > docs/commands.md

clean:
	rm -rf build
