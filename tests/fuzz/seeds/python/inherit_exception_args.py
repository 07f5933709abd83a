# subclassing Exception keeps args and works with issubclass
class MyErr(Exception):
    pass
print(issubclass(MyErr, Exception), MyErr("m").args, str(MyErr("a", 1)), repr(MyErr()))
