# class-level state shared by instances
class Node:
    registry = {}
    next_id = 1
    def __init__(self, name):
        self.id = Node.next_id
        Node.next_id += 1
        Node.registry[self.id] = name
    @classmethod
    def names(cls):
        return [cls.registry[k] for k in sorted(cls.registry)]
for n in "abc":
    Node(n)
print(Node.names(), Node.next_id, len(Node.registry))
