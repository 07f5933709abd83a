/* A module without an entry point. */
#include "upyos.h"

__attribute__((visibility("default"))) int start(int argc, char **argv)
{
    return 0;
}
