# uncaught user-defined exception
class DeviceError(Exception):
    pass
print("probing")
raise DeviceError("sensor not found on bus 1")
