# a tiny round-robin scheduler running coroutines
class Sleep:
    def __await__(self):
        yield None
async def worker(name, n, log):
    for i in range(n):
        log.append("%s%d" % (name, i))
        await Sleep()
    return name + " done"
def run(coros):
    results = []
    queue = list(coros)
    while queue:
        c = queue.pop(0)
        try:
            c.send(None)
            queue.append(c)
        except StopIteration as e:
            results.append(e.value)
    return results
log = []
print(run([worker("a", 3, log), worker("b", 1, log), worker("c", 2, log)]))
print(log)
