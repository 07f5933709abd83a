# What users type. The build itself is CMake + Ninja, one directory per port.
#   make run            build the posix simulator and boot it in this terminal
#   make run BOARD=mps2-an385   build the Cortex-M3 firmware and boot it under QEMU
#   make run BOARD=rp2040       build the Raspberry Pi Pico firmware and boot it under rp2040js
#   make test           unit + e2e tests (normal and sanitizer builds), one summary line
#   make sdk-example    build the example programs (sdk/examples); SRC=file.c builds that one
#   make bench | size | clean
BOARD ?= posix
BUILD := build/$(BOARD)
IMAGE ?= build/posix/flash.img
CMAKE_FLAGS ?=

.PHONY: all run test bench size clean build-posix build-asan build-mps2-an385 docs powercut fuzz \
        sdk-example coverage mutate build-rp2040

all: build-posix

build-posix:
	@cmake -S . -B build/posix -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	@ninja -C build/posix --quiet

build-asan:
	@cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DUPYOS_SANITIZE=ON $(CMAKE_FLAGS) >/dev/null
	@ninja -C build/asan --quiet

# The simulator boots from a 2 MB flash image made from rootfs/ on the first run and kept
# after, as a board keeps its flash. `make run ROOT=dir` boots a host directory instead.
# The example programs (sdk/examples) are built with the simulator and put into its /opt: into
# the image when it is made, into a ROOT directory on every run. Binaries are never committed.
EXAMPLES := $(addprefix build/posix/modules/,$(basename $(notdir $(wildcard sdk/examples/*.c))))
STAGE := build/posix/rootfs-stage
$(IMAGE):
	@rm -rf $(STAGE) && cp -r rootfs $(STAGE) && mkdir -p $(STAGE)/opt && cp $(EXAMPLES) $(STAGE)/opt/
	@./build/posix/tools/mkfs -s 2M $(IMAGE) $(STAGE) >/dev/null

build-rp2040:
	@cmake -S . -B build/rp2040 -G Ninja -DPORT=rp2040 $(CMAKE_FLAGS) >/dev/null
	@ninja -C build/rp2040 --quiet

build-mps2-an385:
	@cmake -S . -B build/mps2 -G Ninja -DPORT=mps2-an385 $(CMAKE_FLAGS) >/dev/null
	@ninja -C build/mps2 --quiet

# The board's flash, build/mps2/flash.img, is made from rootfs/ by run-qemu.sh on the first
# run (with the posix build's mkfs) and kept after.
ifeq ($(BOARD),mps2-an385)
run: build-mps2-an385 build-posix
	@ports/mps2-an385/run-qemu.sh --flash build/mps2/flash.img build/mps2/ports/mps2-an385/upyos.elf
else ifeq ($(BOARD),rp2040)
# The Pico under the rp2040js emulator (ports/rp2040/host, its node modules from tools/deps.sh);
# the filesystem's flash, build/rp2040/flash.img, is made from rootfs/ on the first run.
run: build-rp2040 build-posix
	@[ -d ports/rp2040/host/node_modules/rp2040js ] || tools/deps.sh
	@node ports/rp2040/host/run.js --flash build/rp2040/flash.img build/rp2040/ports/rp2040/upyos.elf
else ifdef ROOT
run: build-posix
	@mkdir -p $(ROOT)/opt && cp $(EXAMPLES) $(ROOT)/opt/
	@./build/posix/ports/posix/upyos --root $(ROOT)
else
run: build-posix $(IMAGE)
	@./build/posix/ports/posix/upyos --image $(IMAGE)
endif

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

# The long power-cut run: 100,000 cuts (POWERCUT_CUTS=N for another count).
powercut: build-posix
	@POWERCUT_CUTS=$${POWERCUT_CUTS:-100000} ./build/posix/tests/unit/test_powercut

# tools/deps.sh bench adds the reference servers only the benchmarks run (nginx, vsftpd).
# Without root it lists what is missing and the run goes on: a benchmark whose reference
# is absent says so beside its own figure.
bench:
	@tools/deps.sh bench || true
	@$(MAKE) --no-print-directory build-posix
	@/usr/bin/python3 bench/run.py

size:
	@tools/size.sh

# Line and branch coverage per layer of the unit and e2e suites (build/coverage); not in make test.
coverage:
	@tools/coverage.sh

# Source mutations over the security and data-safety code, one at a time, each against the
# tests that cover its file: every mutation must be caught. Not in make test (it takes a while).
mutate: build-posix
	@/usr/bin/python3 tools/mutate.py

docs: build-posix
	@./build/posix/tools/commands_md > docs/commands.md

clean:
	rm -rf build
