/* A module that calls the C library's printf, which the SDK does not export: the loader must
 * refuse it by name. */
#include "upyos.h"

int main(int argc, char **argv)
{
    printf("this should never run\n");
    return 0;
}
