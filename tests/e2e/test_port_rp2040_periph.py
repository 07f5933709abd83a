"""The RP2040 port's peripherals on the real registers, checked from outside through the
runner's control socket (ports/rp2040/host/run.js --board-ctl): a pin's edge interrupt, the
I2C bus with the runner's 24C16 EEPROM and LM75-like sensor, PWM slices and the SPI blocks."""
import pytest

from board_ctl import BoardCtl
from conftest import PORT, put_file

pytestmark = pytest.mark.skipif(PORT != "rp2040", reason="the RP2040 port's own runner")


@pytest.fixture
def board(boot, rootdir, tmp_path):
    """Boots with the control socket; call with {path: text} to put files in the flash first."""
    made = []

    def start(files=None):
        for path, text in (files or {}).items():
            put_file(rootdir, path, text)
        sock = str(tmp_path / "board.sock")
        c = boot("--board-ctl", sock)
        c.wait_prompt(timeout=20)
        made.append(BoardCtl(sock))
        return c, made[-1]

    yield start
    for ctl in made:
        ctl.close()


IRQ = """\
from machine import Pin
import time
edges = []
button = Pin(7, Pin.IN)
button.irq(handler=lambda p: edges.append(p.value()), trigger=Pin.IRQ_RISING)
Pin(8, Pin.OUT).on()          # armed: the test drives pin 7 now
start = time.ticks_ms()
while len(edges) < 2 and time.ticks_diff(time.ticks_ms(), start) < 10000:
    time.sleep_ms(5)
print("edges", edges)
"""


def test_a_python_irq_handler_sees_each_rising_edge_driven_outside(board):
    c, ctl = board({"/opt/irq.py": IRQ})
    c.send("/opt/irq.py\r")
    assert ctl.cmd("wait pin 8 1 10000") == "ok"
    for level in (1, 0, 1):            # two rising edges, one falling that is not asked for
        assert ctl.cmd(f"set pin 7 {level}") == "ok"
    c.expect(r"edges \[1, 1\]", timeout=20)
    c.wait_prompt()


def test_i2cscan_finds_the_eeprom_and_the_sensor_on_i2c0(board):
    c, ctl = board()
    assert c.run("i2cscan 0") == ("0x48 0x50 0x51 0x52 0x53 0x54 0x55 0x56\n0x57\n"
                                  "9 devices found on I2C bus 0\n")
    assert c.run("i2cscan 1") == "i2cscan: bus 1: not on this board\n"
    assert ctl.cmd("set i2ctemp -3.5") == "ok"
    assert "I2C sensor 0x48:       -3.5 C\n" in c.run("sensors")


EEPROM = """\
from machine import I2C
i2c = I2C(0)
i2c.writeto_mem(0x50, 0x20, b'upyOS')
print(i2c.readfrom_mem(0x50, 0x20, 5))
i2c.writeto(0x51, bytes([0x00]))
print(i2c.readfrom(0x51, 4).hex())
try:
    i2c.readfrom(0x30, 1)
except OSError as e:
    print('OSError', e.errno)
"""


def test_python_i2c_writes_and_reads_the_eeprom(board):
    c, ctl = board({"/opt/ee.py": EEPROM})
    assert ctl.cmd("set eeprom 256 c0ffee42") == "ok"
    assert c.run("/opt/ee.py") == "b'upyOS'\nc0ffee42\nOSError 19\n"
    assert ctl.cmd("get eeprom 32 5") == "ok " + b"upyOS".hex()
    assert c.run("/opt/eeprom.py hello 0x120") == "wrote b'hello' at 288 read back b'hello'\n"
    assert ctl.cmd("get eeprom 288 5") == "ok " + b"hello".hex()
