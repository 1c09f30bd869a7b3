// OpenBLAS's CBLAS interface. Debian's libopenblas-dev puts cblas.h on the default (multiarch) include path.
#include <cblas.h>
