# A thread that prints every few seconds: ticker.py [SECONDS] (3 by default). The thread is a
# process of the program (ps shows both); `hold` pauses them, `resume` goes on, `kill` of the
# program ends them both.
import _thread, time

proc = None    # the running process, set by the system


def tick(every):
    n = 0
    while True:
        n += 1
        print("tick", n)
        time.sleep(every)


def __main__(args):
    _thread.start_new_thread(tick, (float(args[0]) if args else 3,))
    while True:            # the program's own thread waits; its end would end the thread
        time.sleep(60)
