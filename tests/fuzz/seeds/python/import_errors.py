# ImportError and ModuleNotFoundError are catchable
try:
    import no_such_module_qq
except ImportError as e:
    print(type(e).__name__, e.name if hasattr(e, "name") else "", isinstance(e, ImportError))
try:
    import no_such_module_qq
except ModuleNotFoundError as e:
    print("ModuleNotFoundError", e)
print("continues")
