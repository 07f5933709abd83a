"""The virtual board's control socket (upyos --board-ctl PATH, docs/simulator.md)."""
import os
import socket
import time

from conftest import SLOW


class BoardCtl:
    def __init__(self, path):
        deadline = time.time() + 10 * SLOW
        while not os.path.exists(path) and time.time() < deadline:
            time.sleep(0.02)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(15 * SLOW)
        self.sock.connect(path)
        self.reader = self.sock.makefile("r", encoding="utf-8", newline="\n")

    def cmd(self, line):
        """Sends one command; returns the reply line without its end."""
        self.sock.sendall((line + "\n").encode())
        return self.reader.readline().rstrip("\n")

    def close(self):
        self.reader.close()
        self.sock.close()


def boot_with_board(boot, tmp_path):
    """Boots a system with its board control socket; returns (console, control)."""
    path = str(tmp_path / "board.sock")
    c = boot("--board-ctl", path)
    c.wait_prompt()
    return c, BoardCtl(path)
