# uncaught AttributeError on a class object
class Settings:
    debug = False
print(Settings.debug)
print(Settings.verbose)
