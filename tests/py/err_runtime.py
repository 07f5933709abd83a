# uncaught RuntimeError
def worker(state):
    if state != "ready":
        raise RuntimeError("worker not ready: " + state)
worker("ready")
print("ok once")
worker("busy")
