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
