# breadth-first and depth-first search over a dict graph
graph = {"a": ["b", "c"], "b": ["d"], "c": ["d", "e"], "d": ["f"], "e": ["f"], "f": []}
def bfs(start):
    seen = [start]
    queue = [start]
    while queue:
        n = queue.pop(0)
        for m in graph[n]:
            if m not in seen:
                seen.append(m)
                queue.append(m)
    return seen
def dfs(n, seen=None):
    if seen is None:
        seen = []
    seen.append(n)
    for m in graph[n]:
        if m not in seen:
            dfs(m, seen)
    return seen
def path(a, b):
    prev = {a: None}
    q = [a]
    while q:
        n = q.pop(0)
        for m in graph[n]:
            if m not in prev:
                prev[m] = n
                q.append(m)
    out = []
    while b is not None:
        out.append(b)
        b = prev[b]
    return out[::-1]
print(bfs("a"), dfs("a"), path("a", "f"))
