#!/usr/bin/env node
/* Runs the upyOS-C RP2040 firmware on the rp2040js emulator (npm, pinned in package.json),
 * as a Raspberry Pi Pico would run it:
 *
 *   run.js [--flash IMAGE] [--slots FILE] [--boot ELF] [--socket PATH] [--board-ctl PATH]
 *          [--stats] [-r] FIRMWARE.elf
 *
 *   The flash holds boot2 and the boot stage (--boot, default bootstage.elf beside the
 *   firmware), the firmware's two slots and the filesystem (ports/rp2040/slots.ld).
 *   --flash IMAGE     the filesystem's part of the flash chip (from the firmware's
 *                     __flashfs_start to the end of the 2 MB), a tools/mkfs image; a missing
 *                     one is made from rootfs/ with build/posix/tools/mkfs (or $MKFS). What the
 *                     firmware erases and programs there is written back to the file, sector by
 *                     sector, and synced before any console output that follows it is
 *                     released, so what the user saw as done survives a kill -9 of this runner.
 *                     Without it the area starts blank and nothing is kept.
 *   --slots FILE      the flash below the filesystem (boot stage, firmware slots and their
 *                     record), kept in FILE like the filesystem's: made from the ELFs when
 *                     missing, and then what boots, so that a firmware `upgrade --firmware`
 *                     swapped in survives a restart (and a kill -9) of this runner. Without
 *                     it every start loads the ELFs afresh.
 *   --socket PATH     the console (UART0) on a UNIX socket server instead of stdin/stdout; the
 *                     board starts once a client has connected (test harnesses).
 *   --board-ctl PATH  GPIO from outside on a UNIX socket, one command a line, as the posix
 *                     simulator's --board-ctl: "set pin N 0|1", "get pin N" (ok LEVEL in|out),
 *                     "wait pin N 0|1 [MS]", "events" (ok PIN=LEVEL... the output changes since
 *                     the last call), "events -t" (the same with @MS, emulated milliseconds);
 *                     "set adc N RAW" (input N, 0-4, reads RAW, 0-4095);
 *                     UART1: "uart send 1 TEXT" (\n \r \\ \xNN escapes), "uart recv 1" (ok TEXT,
 *                     what the firmware sent since the last call, escaped the same way).
 *                     The devices on the buses (devices.js): "get eeprom ADDR [N]", "set eeprom
 *                     ADDR HEX", "set i2ctemp C" (I2C0); "spi recv 0|1" (hex, the bytes sent);
 *                     "get pwm PIN" (ok HZ PER_MILLE, or ok off).
 *   --stats           on stderr: "rp2040: prompt after MS ms" (emulated time of the last output
 *                     before the console went quiet) and the heap in use then, at every prompt.
 *   -r                recovery boot (skip /etc/init.sh), passed in watchdog scratch register 0.
 * On the terminal, Ctrl-A X leaves (as in QEMU); Ctrl-C goes to the board.
 *
 * What the emulator lacks, done here (each marked "emulator:" below): a boot ROM (bootrom/),
 * resets (watchdog and SYSRESETREQ), SysTick waking the core from WFI, an output's level
 * read back on its input, and input pacing for its 32-byte UART FIFO.
 * The exit status is 0 after a halt (the shell's exit), 1 after a panic or a breakpoint. */
'use strict';
process.env.TZ = 'UTC';                     /* the emulated RTC keeps local time: make it UTC */

const fs = require('fs');
const net = require('net');
const path = require('path');
const { execFileSync } = require('child_process');
const { RP2040, GPIOPinState } = require('rp2040js');
const { Devices } = require('./devices.js');

const REPO = path.resolve(__dirname, '../../..');
const FLASH_BASE = 0x10000000;
const SECTOR = 4096;
const BAUD_DEFAULT = 115200;
const RECOVERY_MAGIC = 0x52435652;          /* kernel_entry.c */
const HALT_OK = 0xe0, HALT_PANIC = 0xe1, BAD_BOOT2 = 0x42;  /* BKPT codes: main.c, bootrom.c */
const AIRCR = 0xd0c, AIRCR_SYSRESETREQ = 0x05fa0004;
const QUIET_NANOS = 300e6;                   /* --stats: no output this long: at the prompt */
/* Emulated time may lag real time (the emulator runs at 30-45 % of the chip's speed) but not
 * by more than this: a wait that follows heavy work is not skipped to catch up. */
const MAX_LAG_NANOS = 50e6;

function usage() {
  process.stderr.write('usage: run.js [--flash IMAGE] [--slots FILE] [--boot ELF] ' +
    '[--socket PATH] [--board-ctl PATH] [--stats] [-r] FIRMWARE.elf\n');
  process.exit(2);
}

function parseArgs(argv) {
  const o = { flash: null, slots: null, boot: null, socket: null, boardCtl: null, stats: false,
    recovery: false, elf: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--flash' && i + 1 < argv.length) o.flash = argv[++i];
    else if (a === '--slots' && i + 1 < argv.length) o.slots = argv[++i];
    else if (a === '--boot' && i + 1 < argv.length) o.boot = argv[++i];
    else if (a === '--socket' && i + 1 < argv.length) o.socket = argv[++i];
    else if (a === '--board-ctl' && i + 1 < argv.length) o.boardCtl = argv[++i];
    else if (a === '--stats') o.stats = true;
    else if (a === '-r') o.recovery = true;
    else if (!o.elf && !a.startsWith('-')) o.elf = a;
    else usage();
  }
  if (!o.elf) usage();
  if (!o.boot) o.boot = path.join(path.dirname(o.elf), 'bootstage.elf');
  return o;
}

/* ---- the firmware: an ELF's loadable segments at their load addresses, and its symbols ---- */

function readElf(file) {
  const b = fs.readFileSync(file);
  if (b.readUInt32BE(0) !== 0x7f454c46 || b[4] !== 1 || b[5] !== 1 || b.readUInt16LE(18) !== 40)
    throw new Error(`${file}: not a 32-bit little-endian ARM ELF`);
  const segments = [];
  const phoff = b.readUInt32LE(28), phentsize = b.readUInt16LE(42), phnum = b.readUInt16LE(44);
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * phentsize;
    const type = b.readUInt32LE(p), offset = b.readUInt32LE(p + 4), paddr = b.readUInt32LE(p + 12);
    const filesz = b.readUInt32LE(p + 16);
    if (type === 1 && filesz > 0) segments.push({ addr: paddr, data: b.subarray(offset, offset + filesz) });
  }
  const symbols = new Map();
  const shoff = b.readUInt32LE(32), shentsize = b.readUInt16LE(46), shnum = b.readUInt16LE(48);
  for (let i = 0; i < shnum; i++) {
    const s = shoff + i * shentsize;
    if (b.readUInt32LE(s + 4) !== 2) continue;               /* SHT_SYMTAB */
    const off = b.readUInt32LE(s + 16), size = b.readUInt32LE(s + 20);
    const strtab = shoff + b.readUInt32LE(s + 24) * shentsize;
    const stroff = b.readUInt32LE(strtab + 16);
    for (let e = off; e < off + size; e += 16) {
      const nameAt = stroff + b.readUInt32LE(e);
      const name = b.toString('latin1', nameAt, b.indexOf(0, nameAt));
      if (name) symbols.set(name, b.readUInt32LE(e + 4));
    }
  }
  return { segments, symbols };
}

function readBootrom() {
  const file = path.join(REPO, 'build/rp2040/ports/rp2040/host/bootrom/bootrom.bin');
  const bytes = fs.readFileSync(process.env.RP2040_BOOTROM || file);
  const words = new Uint32Array(Math.ceil(bytes.length / 4));
  Buffer.from(words.buffer).set(bytes);
  return words;
}

/* ---- the flash file: the filesystem's area, kept in step with the emulated chip ---- */

class FlashFile {
  /* make: 'mkfs' makes a missing file from rootfs/; 'flash' from what the ELFs put there. */
  constructor(file, start, size, make = 'mkfs') {
    this.start = start;                   /* offset in the chip */
    this.size = size;
    this.dirty = new Set();
    this.fd = null;
    this.fresh = false;
    if (!file) return;
    if (!fs.existsSync(file) && make === 'flash') {
      fs.writeFileSync(file, Buffer.alloc(size, 0xff));
      this.fresh = true;
    } else if (!fs.existsSync(file)) {
      const mkfs = process.env.MKFS || path.join(REPO, 'build/posix/tools/mkfs');
      execFileSync(mkfs, ['-s', String(size), file, path.join(REPO, 'rootfs')], { stdio: 'ignore' });
    }
    const have = fs.statSync(file).size;
    if (have !== size)
      throw new Error(`${file}: ${have} bytes, but the firmware's filesystem area is ${size}`);
    this.fd = fs.openSync(file, 'r+');
  }

  loadInto(flash) {
    if (this.fd === null) return;
    if (this.fresh) {                     /* a new file: what the ELFs loaded */
      fs.writeSync(this.fd, flash, this.start, this.size, 0);
      fs.fdatasyncSync(this.fd);
      this.fresh = false;
      return;
    }
    fs.readSync(this.fd, flash, this.start, this.size, 0);
  }

  /* A store into the flash window (the boot ROM stand-in's erase and program). */
  touched(offset) {
    if (this.fd !== null && offset >= this.start && offset < this.start + this.size)
      this.dirty.add(Math.floor((offset - this.start) / SECTOR));
  }

  /* Writes the changed sectors and waits until the file system has them. */
  persist(flash) {
    if (this.dirty.size === 0) return;
    for (const sector of this.dirty)
      fs.writeSync(this.fd, flash, this.start + sector * SECTOR, SECTOR, sector * SECTOR);
    this.dirty.clear();
    fs.fdatasyncSync(this.fd);
  }
}

/* The areas of the chip, each kept in its file (or in none). */
class FlashFiles {
  constructor(files) {
    this.files = files;
  }

  loadInto(flash) {
    for (const f of this.files) f.loadInto(flash);
  }

  touched(offset) {
    for (const f of this.files) f.touched(offset);
  }

  persist(flash) {
    for (const f of this.files) f.persist(flash);
  }
}

/* ---- the board: one RP2040 and what is wired to it; rebuilt on every reset ---- */

class Board {
  constructor(opts, images, bootrom, flashFile) {
    this.opts = opts;
    this.images = images;                 /* the boot stage and the firmware */
    this.firmware = images[images.length - 1];
    this.bootrom = bootrom;
    this.flashFile = flashFile;           /* a FlashFile per area: slots, filesystem */
    this.output = [];                     /* console bytes not yet released */
    this.input = [];                      /* console bytes not yet fed to UART0 */
    this.uart1Input = [];                 /* --board-ctl "uart send 1" bytes not yet fed */
    this.uart1Output = [];                /* UART1 bytes for "uart recv 1" */
    this.events = [];                     /* output pin changes, for --board-ctl */
    this.pinWaiters = [];
    this.devices = new Devices();
    this.exitCode = null;
    this.resetReason = null;
    this.lastOutputNanos = 0;
    this.reportedNanos = -1;
    this.powerOn(null);
  }

  /* A new chip; after a reset the flash and the watchdog's scratch and reason registers are
   * carried over, as the chip keeps them. */
  powerOn(previous) {
    const mcu = new RP2040();
    mcu.logger = quietLogger();
    mcu.loadBootrom(this.bootrom);
    const watchdog = mcu.findPeripheral(0x40058000);
    if (previous) {
      mcu.flash.set(previous.mcu.flash);
      watchdog.scratchData.set(previous.watchdog.scratchData);
      watchdog.reason = previous.reason;
    } else {
      for (const image of this.images)
        for (const s of image.segments)
          if (s.addr >= FLASH_BASE) mcu.flash.set(s.data, s.addr - FLASH_BASE);
      this.flashFile.loadInto(mcu.flash);
      if (this.opts.recovery) watchdog.scratchData[0] = RECOVERY_MAGIC;
    }
    setRtc(mcu);
    /* emulator: the ADC reads 0 on every input; the temperature sensor gives 0.706 V (27 C) */
    mcu.adc.channelValues[4] = Math.round(0.706 / 3.3 * 4096);
    this.mcu = mcu;
    this.watchdog = watchdog;
    this.uart = mcu.uart[0];
    this.uart.onByte = (b) => {
      this.output.push(b);
      this.lastOutputNanos = mcu.clock.nanos;
    };
    this.console = new UartInput(mcu.clock, this.uart, this.input);
    this.uart1 = new UartInput(mcu.clock, mcu.uart[1], this.uart1Input);
    mcu.uart[1].onByte = (b) => {
      this.uart1Output.push(b);
      if (this.uart1Output.length > 65536) this.uart1Output.shift();
    };
    this.devices.attach(mcu);
    this.realStart = process.hrtime.bigint();
    this.hookFlashStores();
    this.hookResets();
    this.hookPins();
    mcu.onBreak = (code) => this.onBreak(code);
    this.console.feed();
    this.uart1.feed();
  }

  hookFlashStores() {
    const mcu = this.mcu, file = this.flashFile;
    const store = mcu.writeUint32.bind(mcu);
    mcu.writeUint32 = (address, value) => {
      address >>>= 0;
      if (address >= FLASH_BASE && address < FLASH_BASE + mcu.flash.length)
        file.touched((address - FLASH_BASE) & 0xffffff);
      store(address, value);
    };
  }

  /* emulator: rp2040js has no reset of its own. Its watchdog calls onWatchdogTrigger, which
   * only logs a warning, for CTRL.TRIGGER and at expiry, and an expired watchdog's periodic
   * alarm fires again at once (node would spin at 100 % for ever); AIRCR.SYSRESETREQ is an
   * unknown register write. Both become a reset of the whole chip here. */
  hookResets() {
    const wd = this.watchdog;
    wd.onWatchdogTrigger = () => {
      wd.timer.enable = false;
      wd.alarm.enable = false;
      this.resetReason = wd.reason;       /* TIMER or FORCE, kept in REASON over the reset */
    };
    const ppb = this.mcu.ppb, write = ppb.writeUint32.bind(ppb);
    ppb.writeUint32 = (offset, value) => {
      if (offset === AIRCR && (value >>> 0) === AIRCR_SYSRESETREQ) this.resetReason = 0;
      else write(offset, value);
    };
  }

  /* emulator: a pin driven as an output does not read back on its input (SIO GPIO_IN), as it
   * does on the chip through the pad: mirror it. Output changes are kept for "events". */
  hookPins() {
    this.mcu.gpio.forEach((pin, n) => {
      pin.addListener((state) => {
        if (state !== GPIOPinState.High && state !== GPIOPinState.Low) return;
        const level = state === GPIOPinState.High ? 1 : 0;
        pin.setInputValue(level === 1);
        this.events.push({ pin: n, level, ms: this.mcu.clock.nanos / 1e6 });
        if (this.events.length > 256) this.events.shift();
        this.checkPinWaiters();
      });
    });
  }

  onBreak(code) {
    if (code === HALT_OK) this.exitCode = 0;
    else {
      if (code === BAD_BOOT2) process.stderr.write('rp2040: boot2 is missing or its CRC is wrong\n');
      else if (code !== HALT_PANIC)
        process.stderr.write(`rp2040: breakpoint or undefined instruction #${code} at ` +
          `0x${(this.mcu.core.PC >>> 0).toString(16)}\n`);
      this.exitCode = 1;
    }
  }

  type(bytes) {
    this.console.push(bytes);
  }

  /* Runs instructions until about 10 ms of real time have passed or the core waits for an
   * interrupt that is not due yet in real time; returns the nanoseconds to wait then. */
  slice() {
    const { mcu } = this;
    const { core, clock } = mcu;
    const until = process.hrtime.bigint() + 10000000n;
    for (let i = 0; ; i++) {
      if (this.exitCode !== null || this.resetReason !== null) return 0;
      if (core.waiting) {
        const next = clock.nanosToNextAlarm;
        /* A sleeping core's clock keeps up with real time (up to the next alarm): an alarm
         * further ahead than the lag realNanos allows (a watchdog's 8 s with interrupts
         * masked) would otherwise never come. */
        const behind = this.realNanos() - clock.nanos;
        if (next > behind) {
          if (behind > 0) clock.tick(behind);
          return next - Math.max(behind, 0);
        }
        clock.tick(next);
        /* emulator: the SysTick alarm sets pendingSystick but, unlike an interrupt line
         * (setInterrupt), does not end the core's WFI; check for it as the core would. */
        if (core.waiting && core.interruptsUpdated && core.checkForInterrupts()) core.waiting = false;
      } else {
        clock.tick(core.executeInstruction() * 8);   /* 125 MHz: 8 ns a cycle */
      }
      if ((i & 0x3fff) === 0 && process.hrtime.bigint() > until) return 0;
    }
  }

  /* Real time since power-on, in nanoseconds, with the lag behind it capped (MAX_LAG_NANOS). */
  realNanos() {
    let real = Number(process.hrtime.bigint() - this.realStart);
    const lag = real - this.mcu.clock.nanos;
    if (lag > MAX_LAG_NANOS) {
      this.realStart += BigInt(Math.floor(lag - MAX_LAG_NANOS));
      real -= lag - MAX_LAG_NANOS;
    }
    return real;
  }

  /* The flash first, then the console: nothing is shown as done before it is on disk. */
  takeOutput() {
    this.flashFile.persist(this.mcu.flash);
    const out = Buffer.from(this.output);
    this.output = [];
    return out;
  }

  reset() {
    this.flashFile.persist(this.mcu.flash);
    const previous = { mcu: this.mcu, watchdog: this.watchdog, reason: this.resetReason };
    this.console.cancel();
    this.uart1.cancel();
    this.resetReason = null;
    this.powerOn(previous);
  }

  statsAtPrompt() {
    const clock = this.mcu.clock;
    if (this.lastOutputNanos === this.reportedNanos || clock.nanos - this.lastOutputNanos < QUIET_NANOS)
      return null;
    this.reportedNanos = this.lastOutputNanos;
    const sym = this.firmware.symbols;
    const word = (name) => (sym.has(name) ? this.mcu.readUint32(sym.get(name)) : -1);
    const staticRam = sym.get('__heap_start') - 0x20000000;
    const heap = word('heap_used');
    return `rp2040: prompt after ${(this.lastOutputNanos / 1e6).toFixed(1)} ms\n` +
      `rp2040: heap used ${heap} peak ${word('heap_peak')} static ${staticRam} ` +
      `in use ${staticRam + heap}\n`;
  }

  /* ---- --board-ctl ---- */

  pinState(n) {
    const pin = this.mcu.gpio[n];
    const out = pin.outputEnable;
    return { level: (out ? pin.outputValue : pin.inputValue) ? 1 : 0, out };
  }

  checkPinWaiters() {
    this.pinWaiters = this.pinWaiters.filter((w) => {
      if (this.pinState(w.pin).level !== w.level) return true;
      clearTimeout(w.timer);
      w.done('ok');
      return false;
    });
  }

  control(line, answer) {
    const words = line.trim().split(/\s+/);
    const [verb, what, a, b, c] = words;
    const n = Number(a), v = Number(b);
    const pinOk = what === 'pin' && Number.isInteger(n) && n >= 0 && n < 30;
    if (verb === 'events') {
      const timed = what === '-t';
      const list = this.events.map((e) => ` ${e.pin}=${e.level}` + (timed ? `@${e.ms.toFixed(3)}` : ''));
      this.events = [];
      answer('ok' + list.join(''));
    } else if (verb === 'set' && pinOk && (v === 0 || v === 1)) {
      this.mcu.gpio[n].setInputValue(v === 1);
      answer('ok');
    } else if (verb === 'set' && what === 'adc' && Number.isInteger(n) && n >= 0 && n < 5 &&
               Number.isInteger(v) && v >= 0 && v < 4096) {
      this.mcu.adc.channelValues[n] = v;
      answer('ok');
    } else if (verb === 'get' && pinOk) {
      const s = this.pinState(n);
      answer(`ok ${s.level} ${s.out ? 'out' : 'in'}`);
    } else if (verb === 'wait' && pinOk && (v === 0 || v === 1)) {
      if (this.pinState(n).level === v) return answer('ok');
      const w = { pin: n, level: v, done: answer };
      w.timer = setTimeout(() => {
        this.pinWaiters = this.pinWaiters.filter((x) => x !== w);
        answer('err timed out');
      }, c ? Number(c) : 5000);
      this.pinWaiters.push(w);
    } else if (verb === 'uart' && (what === 'send' || what === 'recv') && a === '1') {
      if (what === 'send') {
        this.uart1.push(unescapeText(line.replace(/^\s*uart\s+send\s+1\s?/, '')));
        answer('ok');
      } else {
        answer('ok ' + escapeBytes(this.uart1Output));
        this.uart1Output = [];
      }
    } else if (verb === 'uart') {
      answer('err no such UART (UART1 only: UART0 is the console)');
    } else if (!this.devices.control(words, answer)) {
      answer('err unknown command');
    }
  }
}

/* The RTC running at the host's time (UTC), as if the board kept its clock across power
 * cycles; the firmware reads it at boot (time.c). Through the registers: SETUP_0/1, then
 * CTRL.LOAD and CTRL.ENABLE. */
function setRtc(mcu) {
  const rtc = mcu.findPeripheral(0x4005c000), now = new Date();
  rtc.writeUint32(0x04, (now.getUTCFullYear() << 12) | ((now.getUTCMonth() + 1) << 8) | now.getUTCDate());
  rtc.writeUint32(0x08, (now.getUTCDay() << 24) | (now.getUTCHours() << 16) |
    (now.getUTCMinutes() << 8) | now.getUTCSeconds());
  rtc.writeUint32(0x0c, 0x10);
  rtc.writeUint32(0x0c, 0x11);
}

/* emulator: bytes fed faster than the firmware empties the 32-byte RX FIFO are dropped
 * without a trace, so one byte goes in per byte time (10 bits at the UART's baud rate) and
 * only while the FIFO has room. pending outlives a reset: bytes still on the line. */
class UartInput {
  constructor(clock, uart, pending) {
    this.uart = uart;
    this.pending = pending;
    this.alarm = clock.createAlarm(() => {
      this.alarm.scheduled = false;       /* emulator: a fired alarm still says scheduled */
      this.feed();
    });
  }

  feed() {
    if (this.pending.length && !this.uart.rxFIFO.full) this.uart.feedByte(this.pending.shift());
    if (this.pending.length && !this.alarm.scheduled) {
      const baud = this.uart.baudDivider ? this.uart.baudRate : BAUD_DEFAULT;
      this.alarm.schedule(10e9 / baud);
    }
  }

  push(bytes) {
    for (const b of bytes) this.pending.push(b);
    this.feed();
  }

  cancel() {
    this.alarm.cancel();
  }
}

/* The control socket's escapes, as the simulator's: \n \r \\ \xNN. */
function unescapeText(text) {
  const out = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\' || i + 1 >= text.length) { out.push(...Buffer.from(c, 'utf8')); continue; }
    const e = text[++i];
    if (e === 'n') out.push(10);
    else if (e === 'r') out.push(13);
    else if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      out.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(...Buffer.from(e, 'utf8'));
  }
  return out;
}

function escapeBytes(bytes) {
  return bytes.map((b) => (b === 10 ? '\\n' : b === 13 ? '\\r' : b === 92 ? '\\\\' :
    b < 32 || b > 126 ? '\\x' + b.toString(16).padStart(2, '0') : String.fromCharCode(b))).join('');
}

function quietLogger() {
  const say = (level) => (tag, msg) => {
    if (process.env.RP2040_LOG) process.stderr.write(`rp2040js ${level} ${tag}: ${msg}\n`);
  };
  return { debug() {}, info() {}, warn: say('warn'), error: say('error') };
}

/* ---- the console and the control socket ---- */

function openConsole(opts, ready) {
  if (!opts.socket) {
    if (process.stdin.isTTY) process.stdin.setRawMode(true);
    ready({ input: process.stdin, write: (buf) => process.stdout.write(buf) });
    return;
  }
  try { fs.unlinkSync(opts.socket); } catch (e) { /* none yet */ }
  const server = net.createServer((sock) => {
    server.close();
    ready({ input: sock, write: (buf) => sock.write(buf) });
  });
  server.listen(opts.socket);
}

function serveBoardCtl(file, board) {
  try { fs.unlinkSync(file); } catch (e) { /* none yet */ }
  net.createServer((sock) => {
    let pending = '';
    sock.on('data', (data) => {
      pending += data.toString('utf8');
      let nl;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        board().control(line, (reply) => sock.write(reply + '\n'));
      }
    });
    sock.on('error', () => {});
  }).listen(file);
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const firmware = readElf(opts.elf);
  const sym = firmware.symbols;
  if (!sym.has('__flashfs_start') || !sym.has('__flashfs_size'))
    throw new Error(`${opts.elf}: no __flashfs_start/__flashfs_size: not an upyOS RP2040 firmware`);
  const fsStart = sym.get('__flashfs_start') - FLASH_BASE;
  const flashFile = new FlashFiles([new FlashFile(opts.slots, 0, fsStart, 'flash'),
    new FlashFile(opts.flash, fsStart, sym.get('__flashfs_size'))]);
  const board = new Board(opts, [readElf(opts.boot), firmware], readBootrom(), flashFile);
  if (opts.boardCtl) serveBoardCtl(opts.boardCtl, () => board);

  openConsole(opts, (con) => {
    let sleeping = null;                  /* the timer of a wait for real time to catch up */
    const finish = () => {
      con.write(board.takeOutput());
      if (opts.socket) con.input.end();
      process.exitCode = board.exitCode;
      setImmediate(() => process.exit(board.exitCode));
    };
    const finishWith = (code) => {
      board.flashFile.persist(board.mcu.flash);
      process.stdout.write('\r\n');
      process.exit(code);
    };
    const run = () => {
      sleeping = null;
      const wait = board.slice();
      const out = board.takeOutput();
      if (out.length) con.write(out);
      if (opts.stats) {
        const report = board.statsAtPrompt();
        if (report) process.stderr.write(report);
      }
      if (board.exitCode !== null) return finish();
      if (board.resetReason !== null) board.reset();
      if (wait > 0) sleeping = setTimeout(run, Math.max(1, Math.min(wait / 1e6, 50)));
      else setImmediate(run);
    };
    let escape = false;                   /* Ctrl-A X leaves, as in QEMU */
    con.input.on('data', (data) => {
      if (!opts.socket) {
        for (const b of data) {
          if (escape && (b === 0x78 || b === 0x58)) return finishWith(0);
          escape = b === 0x01;
        }
      }
      board.type(data);
      if (sleeping !== null) {            /* input is an interrupt: run now */
        clearTimeout(sleeping);
        sleeping = null;
        setImmediate(run);
      }
    });
    con.input.on('end', () => {           /* the harness hung up: the power goes too */
      if (!opts.socket) return;
      board.flashFile.persist(board.mcu.flash);
      process.exit(board.exitCode ?? 0);
    });
    con.input.on('error', () => {});
    run();
  });
}

main();
