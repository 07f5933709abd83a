/* What the runner wires to the emulated Pico's buses, as the posix simulator's virtual board
 * has it (ports/posix/board.c), through rp2040js's host callbacks:
 *   I2C0: a 24C16 EEPROM (2 KB at 0x50-0x57: the low three address bits pick a 256-byte
 *         page, the first byte written sets the word address, the rest are data; reads go on
 *         from there) and an LM75-like temperature sensor at 0x48 (register 0: 9-bit two's
 *         complement, 0.5 C steps). Nothing else acknowledges its address.
 *   SPI0/SPI1: MISO joined to MOSI (what is sent comes back); the bytes sent are kept for
 *         "spi recv N".
 *   PWM: each slice's counter wrap, compare values and divider, for "get pwm PIN".
 * The devices are kept by the runner across chip resets, as the board's parts would be. */
'use strict';

const EEPROM_SIZE = 2048;
const SENSOR_ADDR = 0x48;
const SPI_LOG = 4096;
const CLK_SYS_HZ = 125e6;                   /* rp2040.h: the PWM counts clk_sys */

class Devices {
  constructor() {
    this.eeprom = Buffer.alloc(EEPROM_SIZE, 0xff);
    this.eepromPointer = 0;
    this.sensorMilliC = 22500;
    this.spiSent = [[], []];
  }

  /* A new chip (power-on or reset): its I2C0 and SPI blocks get their far ends. */
  attach(mcu) {
    this.mcu = mcu;
    this.attachI2c(mcu.i2c[0]);
    mcu.spi.forEach((spi, n) => {
      spi.onTransmit = (value) => {
        const log = this.spiSent[n];
        log.push(value & 0xff);
        if (log.length > SPI_LOG) log.splice(0, log.length - SPI_LOG);
        spi.completeTransmit(value);
      };
    });
  }

  attachI2c(i2c) {
    let target = null, first = true;
    i2c.onStart = () => i2c.completeStart();
    i2c.onConnect = (address) => {
      target = this.isEeprom(address) || address === SENSOR_ADDR ? address : null;
      first = true;
      i2c.completeConnect(target !== null);
    };
    i2c.onWriteByte = (value) => {
      if (this.isEeprom(target)) {
        if (first) this.eepromPointer = ((target & 7) << 8) | value;
        else this.eeprom[this.eepromPointer++ % EEPROM_SIZE] = value;
      }
      first = false;
      i2c.completeWrite(true);
    };
    i2c.onReadByte = () => {
      let value = 0xff;
      if (this.isEeprom(target)) value = this.eeprom[this.eepromPointer++ % EEPROM_SIZE];
      else if (target === SENSOR_ADDR) {
        const raw = (Math.trunc(this.sensorMilliC / 500) * 128) & 0xffff;
        value = first ? raw >> 8 : raw & 0xff;
      }
      first = false;
      i2c.completeRead(value);
    };
    i2c.onStop = () => i2c.completeStop();
  }

  isEeprom(address) {
    return address !== null && address >= 0x50 && address <= 0x57;
  }

  /* The PWM output on a pin: its slice's frequency (Hz) and the pin's duty (per mille), or
   * null while the slice is off. */
  pwm(pin) {
    const slice = this.mcu.pwm.channels[(pin >> 1) & 7];
    if (!(slice.csr & 1)) return null;
    const div = (slice.div >> 4 & 0xff || 256) + (slice.div & 0xf) / 16;
    const period = slice.top + 1;
    const level = pin & 1 ? slice.cc >>> 16 : slice.cc & 0xffff;
    return { hz: Math.round(CLK_SYS_HZ / div / period), perMille: Math.round(Math.min(level, period) * 1000 / period) };
  }

  /* --board-ctl commands for the devices; false when the line is none of theirs. */
  control(words, answer) {
    const [verb, what, a, b] = words;
    if (what === 'eeprom' && (verb === 'get' || verb === 'set')) {
      const addr = Number(a);
      if (!Number.isInteger(addr) || addr < 0) return answer('err expected an address'), true;
      if (verb === 'set') {
        const data = Buffer.from(b || '', 'hex');
        if (addr + data.length > EEPROM_SIZE) return answer('err invalid argument'), true;
        data.copy(this.eeprom, addr);
        return answer('ok'), true;
      }
      const n = b === undefined ? 16 : Number(b);
      if (!Number.isInteger(n) || n < 1 || n > 128) return answer('err expected a count of 1..128'), true;
      if (addr + n > EEPROM_SIZE) return answer('err invalid argument'), true;
      return answer('ok ' + this.eeprom.subarray(addr, addr + n).toString('hex')), true;
    }
    if (verb === 'set' && what === 'i2ctemp' && a !== undefined) {
      const c = Number(a);
      if (!Number.isFinite(c)) return answer('err expected degrees Celsius'), true;
      this.sensorMilliC = Math.trunc(c * 1000);
      return answer('ok'), true;
    }
    if (verb === 'spi' && what === 'recv' && (a === '0' || a === '1')) {
      const log = this.spiSent[Number(a)];
      answer('ok ' + Buffer.from(log).toString('hex'));
      log.length = 0;
      return true;
    }
    if (verb === 'get' && what === 'pwm') {
      const pin = Number(a);
      if (!Number.isInteger(pin) || pin < 0 || pin >= 30) return answer('err expected a pin 0-29'), true;
      const p = this.pwm(pin);
      return answer(p ? `ok ${p.hz} ${p.perMille}` : 'ok off'), true;
    }
    return false;
  }
}

module.exports = { Devices };
