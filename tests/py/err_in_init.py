# uncaught exception in __init__
class Account:
    def __init__(self, balance):
        if balance < 0:
            raise ValueError("balance must not be negative: %d" % balance)
        self.balance = balance
a = Account(10)
print(a.balance)
b = Account(-5)
