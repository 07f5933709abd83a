# uncaught exception raised from another
def load():
    try:
        return {}["cfg"]
    except KeyError as e:
        raise RuntimeError("config missing") from e
load()
