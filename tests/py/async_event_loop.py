# a small event loop with sleeping tasks ordered by virtual time
class Sleep:
    def __init__(self, t):
        self.t = t
    def __await__(self):
        yield self.t
async def blink(name, period, times, log):
    for i in range(times):
        log.append((name, i))
        await Sleep(period)
    return name
def run(tasks):
    now = 0
    ready = [(0, i, t) for i, t in enumerate(tasks)]
    done = []
    while ready:
        ready.sort()
        now, i, t = ready.pop(0)
        try:
            delay = t.send(None)
            ready.append((now + delay, i, t))
        except StopIteration as e:
            done.append((now, e.value))
    return done
log = []
print(run([blink("fast", 1, 4, log), blink("slow", 3, 2, log)]))
print(log)
