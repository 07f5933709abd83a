"""The machine module on the simulator's virtual board, checked from outside through its
control socket (--board-ctl): pins driven and read, an interrupt on an edge, the I2C EEPROM,
the ADC, SPI and UART bytes, timers whose callbacks run in the program's thread."""
import pytest

from board_ctl import boot_with_board
from conftest import put_file
from procutil import end_jobs, start_background, until

pytestmark = pytest.mark.posix_only   # the virtual board's control socket, and Python


@pytest.fixture
def booted(boot, tmp_path, rootdir):
    c, board = boot_with_board(boot, tmp_path)
    yield c, board, rootdir
    board.close()


def run_program(c, rootdir, name, text, args=""):
    put_file(rootdir, f"/opt/{name}.py", text)
    return c.run(f"/opt/{name}.py {args}".strip())


def test_a_pin_the_program_drives_is_seen_outside(booted):
    c, board, root = booted
    run_program(c, root, "drive", "from machine import Pin\n"
                "p = Pin(5, Pin.OUT)\np.on()\nq = Pin(6, Pin.OUT, value=1)\nq.toggle()\n")
    assert board.cmd("get pin 5") == "ok 1 out"
    assert board.cmd("get pin 6") == "ok 0 out"
    assert board.cmd("events") == "ok 5=1 6=1 6=0"
    run_program(c, root, "drive2", "import machine\nmachine.Pin(5, machine.Pin.OUT).value(0)\n")
    assert board.cmd("get pin 5") == "ok 0 out"


def test_an_input_set_outside_is_read(booted):
    c, board, root = booted
    prog = "from machine import Pin\nimport sys\np = Pin(int(sys.argv[1]), Pin.IN)\nprint(p.value(), p())\n"
    assert board.cmd("set pin 9 1") == "ok"
    assert run_program(c, root, "readin", prog, "9") == "1 1\n"
    assert board.cmd("set pin 9 0") == "ok"
    assert c.run("/opt/readin.py 9") == "0 0\n"
    pull = "from machine import Pin\nprint(Pin(11, Pin.IN, Pin.PULL_UP).value(), Pin(12, Pin.IN, Pin.PULL_DOWN).value())\n"
    assert run_program(c, root, "pull", pull) == "1 0\n"


IRQ = """\
from machine import Pin
import time
edges = []
def seen(pin):
    edges.append(pin.value())
button = Pin(7, Pin.IN)
button.irq(handler=seen, trigger=Pin.IRQ_RISING)
Pin(8, Pin.OUT).on()          # armed: the test drives pin 7 now
start = time.ticks_ms()
while len(edges) < 2 and time.ticks_diff(time.ticks_ms(), start) < 10000:
    time.sleep_ms(5)
print("edges", edges)
"""


def test_an_irq_handler_runs_on_each_rising_edge(booted):
    c, board, root = booted
    put_file(root, "/opt/irq.py", IRQ)
    c.send("/opt/irq.py\r")
    assert board.cmd("wait pin 8 1 10000") == "ok"
    for level in (1, 0, 1):            # two rising edges, one falling that is not asked for
        assert board.cmd(f"set pin 7 {level}") == "ok"
    c.expect(r"edges \[1, 1\]")
    c.wait_prompt()


def test_i2c_eeprom_written_and_read_back(booted):
    c, board, root = booted
    prog = ("from machine import I2C, SoftI2C, Pin\n"
            "i2c = I2C(0)\n"
            "print([hex(a) for a in i2c.scan()])\n"
            "i2c.writeto_mem(0x50, 0x20, b'upyOS')\n"
            "print(i2c.readfrom_mem(0x50, 0x20, 5))\n"
            "soft = SoftI2C(scl=Pin(22), sda=Pin(21))\n"
            "soft.writeto(0x51, bytes([0x00]))\n"
            "print(soft.readfrom(0x51, 4).hex())\n")
    assert board.cmd("set eeprom 256 c0ffee42") == "ok"
    out = run_program(c, root, "eeprom", prog)
    assert out == ("['0x3c', '0x48', '0x50', '0x51', '0x52', '0x53', '0x54', '0x55', '0x56', "
                   "'0x57']\n"
                   "b'upyOS'\nc0ffee42\n")
    assert board.cmd("get eeprom 32 5") == "ok " + b"upyOS".hex()
    nodev = "from machine import I2C\ntry:\n    I2C(0).readfrom(0x30, 1)\nexcept OSError as e:\n    print('OSError', e.errno)\n"
    assert run_program(c, root, "nodev", nodev) == "OSError 19\n"


def test_adc_spi_and_uart(booted):
    c, board, root = booted
    assert board.cmd("set adc 3 4095") == "ok"
    assert run_program(c, root, "adc", "from machine import ADC\na = ADC(3)\nprint(a.read_u16(), a.read())\n") == "65535 4095\n"
    assert board.cmd("set adc 3 0") == "ok"
    assert c.run("/opt/adc.py") == "0 0\n"
    spi = ("from machine import SPI\ns = SPI(1, baudrate=8000000)\ns.write(b'\\x01\\x02')\n"
           "r = bytearray(2)\ns.write_readinto(b'ok', r)\nprint(r, s.read(1, 0x7f))\n")
    assert run_program(c, root, "spi", spi) == "bytearray(b'ok') b'\\x7f'\n"
    assert board.cmd("spi recv 1") == "ok 01026f6b7f"
    uart = ("from machine import UART\nu = UART(2, 9600, timeout=200)\nu.write(b'ping\\n')\n"
            "print(u.readline(), u.any())\n")
    assert run_program(c, root, "uart", uart) == "b'ping\\n' 0\n"
    assert board.cmd("uart recv 2") == "ok ping\\n"
    # closed when the program ended: another program opens it again
    assert c.run("/opt/uart.py") == "b'ping\\n' 0\n"



def test_init_methods_take_their_documented_argument_counts(booted):
    c, board, root = booted
    prog = ("from machine import SPI, UART, Timer\nimport micropython\n"
            "s, u, t = SPI(1), UART(2, 9600), Timer(-1)\n"
            "for name, f, args in (('SPI.init', s.init, (1000000, 0, 0)), ('UART.init', u.init, (9600, 8, None, 1)),\n"
            "                      ('Timer.init', t.init, ()), ('mem_info', micropython.mem_info, (1,))):\n"
            "    for extra in ((), (0,)):\n"
            "        try:\n"
            "            f(*args + extra)\n"
            "            print(name, 'ok')\n"
            "        except (TypeError, ValueError) as e:\n"
            "            print(name, type(e).__name__)\n")
    out = [line for line in run_program(c, root, "initargs", prog).splitlines() if not line.startswith("heap:")]
    assert out == ["SPI.init ok", "SPI.init TypeError", "UART.init ok", "UART.init TypeError",
                   "Timer.init ValueError", "Timer.init TypeError", "mem_info ok", "mem_info TypeError"]

TIMERS = """\
from machine import Timer
import time
ticks, once = [], []
periodic = Timer(-1)
periodic.init(period=20, mode=Timer.PERIODIC, callback=lambda t: ticks.append(t))
Timer(-1).init(period=30, mode=Timer.ONE_SHOT, callback=lambda t: once.append(1))
time.sleep_ms(300)
periodic.deinit()
n = len(ticks)
time.sleep_ms(100)
print(n >= 5, len(ticks) == n, ticks[0] is periodic, once)
"""


def test_timer_callbacks_run_in_the_program_and_stop_on_deinit(booted):
    c, board, root = booted
    assert run_program(c, root, "timers", TIMERS) == "True True True [1]\n"


def test_machine_functions(booted):
    c, board, root = booted
    prog = ("import machine\n"
            "print(machine.reset_cause() == machine.PWRON_RESET, len(machine.unique_id()) > 0,"
            " machine.freq() > 0)\n"
            "import time\ny, m, d, wd, hh, mm, ss, sub = machine.RTC().datetime()\n"
            "g = time.gmtime()\nprint((y, m, d, wd) == (g[0], g[1], g[2], g[6]), hh * 3600 + mm * 60 + ss - (g[3] * 3600 + g[4] * 60 + g[5]) in (0, 1))\n"
            "p = machine.PWM(machine.Pin(4), freq=500, duty_u16=16384)\n"
            "p.duty_u16(32768)\nprint(p.freq(), p.duty_u16())\n")
    assert run_program(c, root, "mach", prog) == "True True True\nTrue True\n500 32768\n"


def wait_toggles(board, pin, count, timeout_ms=5000):
    """Waits for count level changes of pin; returns how many came."""
    seen = 0
    level = int(board.cmd(f"get pin {pin}").split()[1])
    while seen < count:
        level = 1 - level
        if board.cmd(f"wait pin {pin} {level} {timeout_ms}") != "ok":
            break
        seen += 1
    return seen


def test_the_blink_demo_blinks_pauses_on_hold_and_ends_on_kill(booted):
    c, board, root = booted
    pid = start_background(c, "/opt/blink.py 20 40")
    assert wait_toggles(board, 20, 4) == 4
    c.run(f"hold {pid}")
    # held at its next sleep: from then on the pin keeps its level
    assert until(lambda: wait_toggles(board, 20, 1, timeout_ms=200) == 0, timeout=3)
    assert wait_toggles(board, 20, 1, timeout_ms=300) == 0
    c.run(f"resume {pid}")
    assert wait_toggles(board, 20, 2) == 2
    end_jobs(c, f"kill {pid}", [pid])
    assert board.cmd("get pin 20") == "ok 0 out"


def test_the_eeprom_demo(booted):
    c, board, root = booted
    assert c.run("/opt/eeprom.py hello 0x120") == "wrote b'hello' at 288 read back b'hello'\n"
    assert board.cmd("get eeprom 288 5") == "ok " + b"hello".hex()


def test_the_sensor_demo_reads_what_the_board_sets(booted):
    c, board, root = booted
    assert board.cmd("set i2ctemp 21.5") == "ok"
    assert c.run("/opt/sensor.py 1") == "temperature 21.5 C\n"
    assert board.cmd("set i2ctemp -3") == "ok"
    assert c.run("/opt/sensor.py 2 10") == "temperature -3.0 C\ntemperature -3.0 C\n"


WATCHER = """\
from machine import Pin
import sys, time
edges = []
Pin(7, Pin.IN).irq(lambda p: edges.append(1), Pin.IRQ_RISING)
Pin(int(sys.argv[1]), Pin.OUT).on()          # armed
start = time.ticks_ms()
while not edges and time.ticks_diff(time.ticks_ms(), start) < int(sys.argv[2]):
    time.sleep_ms(5)
print("watcher", sys.argv[1], "edges", len(edges))
"""


def test_a_program_that_ends_leaves_a_later_programs_pin_interrupt_alone(booted):
    c, board, root = booted
    put_file(root, "/opt/watch.py", WATCHER)
    first = start_background(c, "/opt/watch.py 8 60000")
    assert board.cmd("wait pin 8 1 10000") == "ok"
    second = start_background(c, "/opt/watch.py 9 10000")   # takes pin 7's interrupt over
    assert board.cmd("wait pin 9 1 10000") == "ok"
    end_jobs(c, f"kill {first}", [first])          # the first ends, removing only its own
    assert board.cmd("set pin 7 1") == "ok"
    c.expect(r"watcher 9 edges 1")
    c.expect(rf"\[{second}\]\+ Done")
