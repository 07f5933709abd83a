# uncaught exception from a property getter
class Reading:
    def __init__(self, raw):
        self.raw = raw
    @property
    def celsius(self):
        return (self.raw - 32) * 5 / 9
print(Reading(212).celsius)
print(Reading("hot").celsius)
