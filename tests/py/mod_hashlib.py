# hashlib: sha1 and sha256 digests
import hashlib
print(hashlib.sha256(b"abc").hexdigest())
h = hashlib.sha1()
h.update(b"hello ")
h.update(b"world")
print(h.hexdigest(), len(h.digest()))
print(hashlib.sha256(b"").digest()[:4])
