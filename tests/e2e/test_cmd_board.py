"""Hardware commands on the virtual board, checked through its control socket."""
import time

import pytest

from board_ctl import boot_with_board

pytestmark = pytest.mark.posix_only    # the simulator's virtual board control socket


@pytest.fixture
def booted_board(boot, tmp_path):
    """A system booted with its board control socket, closed after the test."""
    c, board = boot_with_board(boot, tmp_path)
    yield c, board
    board.close()


@pytest.fixture
def c(booted_board):
    """The console of the booted system."""
    return booted_board[0]


@pytest.fixture
def board(booted_board):
    """Its virtual board's control socket."""
    return booted_board[1]


def test_gpio_reads_inputs_and_drives_outputs(c, board):
    assert board.cmd("set pin 5 1") == "ok"
    assert c.run("gpio 5") == "1\n"
    c.run("gpio 5 > level")
    assert c.run("echo $level") == "1\n"
    assert board.cmd("set pin 5 0") == "ok"
    assert c.run("gpio 5") == "0\n"
    assert c.run("gpio 12 1") == ""
    assert board.cmd("get pin 12") == "ok 1 out"
    assert c.run("gpio 12 0") == ""
    assert board.cmd("events") == "ok 12=1 12=0"
    assert board.cmd("set adc 1 1234") == "ok"
    assert c.run("gpio -a 33") == "1234\n"
    assert c.run("gpio 40") == "gpio: 40: not a pin (0..39)\n"
    assert c.run("gpio x") == "gpio: x: not a pin (0..39)\n"
    assert c.run("gpio 5 2") == "gpio: 2: expected 0 or 1\n"
    assert c.run("gpio -a 5") == "gpio: 5: not an ADC pin of this board\n"
    assert c.run("gpio") == "gpio: missing PIN\n"


def test_led_switches_and_blinks_the_board_leds(c, board):
    assert c.run("led on 0") == ""
    assert board.cmd("get pin 2") == "ok 1 out"
    assert c.run("led off") == ""
    assert board.cmd("get pin 2") == "ok 0 out"
    board.cmd("events")
    assert c.run("led boot") == ""
    assert board.cmd("events") == "ok 2=1 2=0 2=1 2=0"
    assert c.run("led rgb 1") == ""
    assert board.cmd("events") == "ok " + " ".join(["8=1 8=0"] * 3)
    assert c.run("led on 5") == "led: 5: no such LED (this board has 1)\n"
    assert c.run("led blink") == "led: blink: expected on, off, boot or rgb\n"
    assert c.run("led rgb") == "led: rgb needs a count of LEDs\n"


def test_i2cscan_and_sensors(c, board):
    assert c.run("i2cscan 0") == ("0x3c 0x48 0x50 0x51 0x52 0x53 0x54 0x55\n0x56 0x57\n"
                                  "10 devices found on I2C bus 0\n")
    assert c.run("i2cscan 1") == "i2cscan: bus 1: not on this board\n"
    assert c.run("i2cscan x") == "i2cscan: x: not a bus number\n"
    assert board.cmd("set temp 25.5") == "ok"
    assert board.cmd("set i2ctemp -3.5") == "ok"
    assert c.run("sensors") == ("Chip temperature:      25.5 C\n"
                                "I2C sensor 0x48:       -3.5 C\n")
    c.run("sensors > t")
    assert c.run("echo $t") == "25.5\n"
    assert c.run("sensors now") == "sensors: too many arguments\n"


def test_wdt_resets_the_board_unless_fed(c, board):
    assert c.run("wdt -t 0.5") == "Watchdog started: feed it (wdt -f) within 0.5 s\n"
    for _ in range(4):                  # fed in time: no reset
        time.sleep(0.2)
        assert c.run("wdt -f") == ""
    c.expect("watchdog: not fed for 500 ms, resetting", timeout=5)
    c.expect("Booting upyOS-C", timeout=10)
    c.wait_prompt()
    assert c.run("echo alive") == "alive\n"
    assert c.run("wdt -t 0") == "wdt: 0: expected seconds between 0.1 and 3600\n"
    assert c.run("wdt") == "wdt: expected -t SECONDS or -f\n"


def test_uart_loopback_and_the_outside_end(c, board):
    assert c.run("uart open 1 9600") == ""
    assert c.run("uart write 1 hello there") == ""
    assert board.cmd("uart recv 1") == "ok hello there\\r\\n"
    assert c.run("uart read 1").startswith("hello there")
    assert board.cmd("uart send 1 from outside") == "ok"
    c.run("uart read 1 > got")
    assert c.run("echo $got") == "from outside\n"
    assert c.run("uart open 1") == "uart: UART 1: busy\n"
    assert c.run("uart open 0") == "uart: UART 0: busy\n"
    assert c.run("uart open 7") == "uart: 7: no such UART (0..2)\n"
    assert c.run("uart close 1") == ""
    assert c.run("uart read 1") == "uart: UART 1: bad file handle\n"


def test_screen_relays_keys_and_incoming_bytes_until_ctrl_q(c, board):
    c.send("screen 2\r")
    c.expect("Ctrl-Q leaves")
    assert board.cmd("uart send 2 ping-from-device") == "ok"
    c.expect("ping-from-device")
    c.send("typed")
    c.expect("typed")                      # loopback: the keys come back
    c.send("\x11")
    c.expect("Disconnected")
    c.wait_prompt()
    assert board.cmd("uart recv 2") == "ok typed"
    assert c.run("screen 9") == "screen: 9: no such UART (0..2)\n"
    assert c.run("screen") == "screen: missing UART\n"


def test_board_control_protocol_errors(c, board):
    assert board.cmd("set pin 99 1") == "err no such device"
    assert board.cmd("get pin x") == "err unknown command (try: help)"
    assert board.cmd("fly") == "err unknown command (try: help)"
    assert board.cmd("help").startswith("ok set pin N 0|1")
    assert board.cmd("set eeprom 16 414243") == "ok"
    assert board.cmd("get eeprom 16 3") == "ok 414243"
    c.send("gpio 7 1\r")
    assert board.cmd("wait pin 7 1 5000") == "ok"
    c.wait_prompt()
    assert board.cmd("wait pin 7 0 100") == "err timed out"
