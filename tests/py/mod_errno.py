# errno: the numbers an OSError carries, and errorcode from number to name
import errno, os
print(errno.ENOENT, errno.EEXIST, errno.EACCES, errno.EINVAL, errno.EIO, errno.EBADF, errno.ENOTDIR, errno.EISDIR)
print(errno.ENOSPC, errno.ENODEV, errno.ETIMEDOUT, errno.EAGAIN, errno.EBUSY, errno.ENOMEM, errno.EPERM)
print(errno.EOPNOTSUPP, errno.ECONNREFUSED, errno.ECONNRESET, errno.EINPROGRESS, errno.ENOTCONN, errno.EADDRINUSE)
print(errno.errorcode[errno.ENOENT], errno.errorcode[110], errno.errorcode[errno.EEXIST], 2 in errno.errorcode)
try:
    os.stat("no/such/file/here")
except OSError as e:
    print(e.errno == errno.ENOENT, errno.errorcode[e.errno])
try:
    os.mkdir(".")
except OSError as e:
    print(e.errno == errno.EEXIST)
print(errno.errorcode[99999])
