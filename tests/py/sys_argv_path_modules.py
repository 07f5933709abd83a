# sys.argv, sys.path and sys.modules are there with the right types
import sys
print(type(sys.argv).__name__, len(sys.argv), sys.argv[0].endswith("sys_argv_path_modules.py"))
print(type(sys.path).__name__, all(isinstance(p, str) for p in sys.path))
print(type(sys.modules).__name__, "sys" in sys.modules, sys.modules["sys"] is sys)
print(__name__, sys.modules["__main__"].__name__)
