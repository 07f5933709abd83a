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


PWM = """\
from machine import PWM, Pin
p = PWM(Pin(15), freq=1000, duty_u16=16384)
q = PWM(Pin(14), freq=1000, duty_u16=49152)
r = PWM(Pin(6), freq=50, duty_u16=6554)
print(p.freq(), p.duty_u16())
"""


def test_pwm_slices_run_at_the_frequency_and_duty_a_program_sets(board):
    c, ctl = board({"/opt/pwm.py": PWM, "/opt/pwmoff.py": "from machine import PWM, Pin\nPWM(Pin(15), freq=1000).deinit()\n"})
    assert ctl.cmd("get pwm 15") == "ok off"
    assert c.run("/opt/pwm.py") == "1000 16384\n"
    assert ctl.cmd("get pwm 15") == "ok 1000 250"     # GP15: slice 7, output B
    assert ctl.cmd("get pwm 14") == "ok 1000 750"     # GP14: the same slice's output A
    assert ctl.cmd("get pwm 6") == "ok 50 100"        # 50 Hz needs the divider: slice 3
    # the output really toggles: its pin goes high and low (the emulator runs the counter)
    assert ctl.cmd("wait pin 15 1 5000") == "ok"
    assert ctl.cmd("wait pin 15 0 5000") == "ok"
    assert c.run("/opt/pwmoff.py") == ""
    assert ctl.cmd("get pwm 14") == "ok 1000 750"     # the slice's other pin keeps running
    assert c.run("gpio 15 1") == ""                  # the pin is a plain output again
    assert ctl.cmd("get pin 15") == "ok 1 out"


SPI = """\
from machine import SPI
for bus in (0, 1):
    s = SPI(bus, baudrate=8000000)
    s.write(b'\\x01\\x02')
    r = bytearray(2)
    s.write_readinto(b'ok', r)
    print(bus, r, s.read(1, 0x7f))
try:
    SPI(2)
except (OSError, ValueError) as e:
    print('no bus 2')
"""


def test_spi_buses_send_and_read_back_through_the_runners_loop(board):
    c, ctl = board({"/opt/spi.py": SPI})
    assert c.run("/opt/spi.py") == ("0 bytearray(b'ok') b'\\x7f'\n1 bytearray(b'ok') b'\\x7f'\n"
                                    "no bus 2\n")
    assert ctl.cmd("spi recv 0") == "ok 01026f6b7f"
    assert ctl.cmd("spi recv 1") == "ok 01026f6b7f"


def until_uart1(ctl, text, tries=200):
    """What the firmware sends on UART1, gathered until it holds text."""
    got = ""
    for _ in range(tries):
        got += ctl.cmd("uart recv 1")[3:]
        if text in got:
            return got
    return got


def test_the_esp8266_board_file_names_the_modem_on_uart1(board):
    c, ctl = board()
    assert c.run("loadboard /etc/boards/pico-esp8266.board") == (
        "Board pico-esp8266 loaded from /etc/boards/pico-esp8266.board\n")
    assert "pico-esp8266" in c.run("lshw -b")
    assert c.run("jq /etc/boards/pico-esp8266.board .modem[0].uart") == "1\n"
    # the modem's words, as the board file's text gives them, talk to it on GP4/GP5
    assert c.run("atmodem -c 1 115200 4 5 modem0") == ""
    c.send("atmodem AT+GMR\r")
    assert until_uart1(ctl, "AT+GMR\\r\\n").endswith("AT+GMR\\r\\n")
    assert ctl.cmd("uart send 1 AT version:2.2.0.0\\r\\n\\r\\nOK\\r\\n") == "ok"
    c.expect("AT version:2.2.0.0")
    c.wait_prompt()
    assert c.run("echo $?") == "0\n"
