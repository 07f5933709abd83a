"""A module docstring is the module's __doc__."""
# (the comment comes after the docstring here on purpose)
print(__doc__)
print(__name__, type(__doc__).__name__)
def f():
    """function doc"""
print(f.__doc__, __doc__.split()[1])
