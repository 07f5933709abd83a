# uncaught ImportError for a module that does not exist
print("importing")
import no_such_module_upyos_xyz
