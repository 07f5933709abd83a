# a small class model with validation and exceptions
class InsufficientFunds(Exception):
    pass
class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("dep", amount))
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds("%s has %d, needs %d" % (self.owner, self.balance, amount))
        self.balance -= amount
        self.history.append(("wd", amount))
    def __repr__(self):
        return "Account(%r, %d)" % (self.owner, self.balance)
a = Account("ann", 100)
a.deposit(50)
a.withdraw(30)
for op in [lambda: a.withdraw(500), lambda: a.deposit(-1)]:
    try:
        op()
    except (InsufficientFunds, ValueError) as e:
        print(type(e).__name__, e)
print(a, a.history)
