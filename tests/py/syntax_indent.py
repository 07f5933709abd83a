# indentation with different depths and nested blocks
def f(x):
  if x > 0:
        for i in range(x):
              if i % 2:
                 print("odd", i)
              else:
                  print("even", i)
  else:
   print("non-positive")
f(3)
f(0)
class A:
    def m(self):
        try:
            return 1
        except Exception:
                return 2
print(A().m())
if True:

    # blank lines and comments inside a block

    print("after blank lines")
