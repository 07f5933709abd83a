# asyncio for upyOS-C: a small event loop (run, create_task, sleep, gather, wait_for),
# written in Python and frozen into the firmware.
import time

class CancelledError(BaseException):
    pass

class TimeoutError(Exception):
    pass

class _Sleep:
    def __init__(self, delay):
        self.delay = delay
    def __await__(self):
        yield self

def sleep(delay, result=None):
    return _SleepResult(delay, result)

class _SleepResult:
    def __init__(self, delay, result):
        self.delay = delay
        self.result = result
    def __await__(self):
        yield _Sleep(self.delay)
        return self.result

def sleep_ms(ms):
    return sleep(ms / 1000)

class Task:
    def __init__(self, coro):
        self.coro = coro
        self._done = False
        self._result = None
        self._exc = None
    def done(self):
        return self._done
    def result(self):
        if self._exc is not None:
            raise self._exc
        return self._result
    def cancel(self):
        if self._done:
            return False
        _loop.cancel(self)
        return True
    def __await__(self):
        while not self._done:
            yield self
        return self.result()

class _Loop:
    def __init__(self):
        self.ready = []
        self.sleeping = []
    def add(self, task):
        self.ready.append(task)
    def cancel(self, task):
        if task in self.ready:
            self.ready.remove(task)
        for s in self.sleeping:
            if s[1] is task:
                self.sleeping.remove(s)
                break
        self.step(task, CancelledError())
    def step(self, task, exc=None):
        try:
            y = task.coro.throw(exc) if exc is not None else task.coro.send(None)
        except StopIteration as e:
            task._done = True
            task._result = e.value
            return
        except BaseException as e:
            task._done = True
            task._exc = e
            return
        if isinstance(y, _Sleep) and y.delay > 0:
            self.sleeping.append((time.monotonic() + y.delay, task))
        else:
            self.ready.append(task)
    def run_until(self, task):
        while not task._done:
            if not self.ready:
                if not self.sleeping:
                    break
                self.sleeping.sort(key=lambda s: s[0])
                when, t = self.sleeping.pop(0)
                d = when - time.monotonic()
                if d > 0:
                    time.sleep(d)
                self.ready.append(t)
                continue
            t = self.ready.pop(0)
            self.step(t)

_loop = _Loop()

def create_task(coro):
    t = Task(coro)
    _loop.add(t)
    return t

ensure_future = create_task

async def gather(*aws, return_exceptions=False):
    tasks = [a if isinstance(a, Task) else create_task(a) for a in aws]
    out = []
    for t in tasks:
        try:
            out.append(await t)
        except Exception as e:
            if not return_exceptions:
                raise
            out.append(e)
    return out

async def wait_for(aw, timeout):
    t = aw if isinstance(aw, Task) else create_task(aw)
    if timeout is None:
        return await t
    end = time.monotonic() + timeout
    while not t.done():
        if time.monotonic() >= end:
            t.cancel()
            raise TimeoutError()
        await sleep(0)
    return t.result()

def run(coro):
    global _loop
    _loop = _Loop()
    t = create_task(coro)
    _loop.run_until(t)
    return t.result()

def get_event_loop():
    return _loop
