# uncaught exception raised while a class body runs
print("defining")
class Config:
    size = 4
    half = size / 2
    bad = size / (half - 2)
print("never")
