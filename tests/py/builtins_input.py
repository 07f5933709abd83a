# input() reading lines from stdin (see builtins_input.stdin)
name = input()
print("hello", name)
n = int(input("number: "))
print(n * 2)
rest = []
try:
    while True:
        rest.append(input())
except EOFError:
    print("EOF after", rest)
