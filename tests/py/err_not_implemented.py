# uncaught NotImplementedError
class Base:
    def run(self):
        raise NotImplementedError("run() is abstract")
Base().run()
