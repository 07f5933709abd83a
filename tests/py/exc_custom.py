# user-defined exception classes
class AppError(Exception):
    pass
class ConfigError(AppError):
    def __init__(self, key, msg="bad config"):
        super().__init__(msg, key)
        self.key = key
class Coded(Exception):
    def __init__(self, code):
        self.code = code
    def __str__(self):
        return "code %d" % self.code
try:
    raise ConfigError("port")
except AppError as e:
    print(type(e).__name__, e.key, e.args, str(e))
try:
    raise Coded(404)
except Coded as e:
    print(e, e.code, repr(e.args))
try:
    raise AppError
except AppError as e:
    print("class raised:", repr(e), e.args)
print(issubclass(ConfigError, Exception), issubclass(ConfigError, BaseException), isinstance(Coded(1), AppError))
class WithRepr(Exception):
    pass
print(repr(WithRepr("a", 1)), str(WithRepr()), str(WithRepr("only")), str(WithRepr(1, 2)))
