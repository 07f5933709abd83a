# SyntaxError from eval() of bad source is an ordinary exception
print(eval("1 + 1"))
eval("1 +* 2")
