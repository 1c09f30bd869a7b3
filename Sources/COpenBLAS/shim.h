// OpenBLAS's CBLAS interface. Debian's libopenblas-dev puts cblas.h on the default (multiarch) include path,
// and pkg-config's openblas.pc points at OpenBLAS's own copy first.
#include <cblas.h>

// Declared again in case the cblas.h found is another implementation's (Debian's alternatives system can
// point it elsewhere); the symbol itself always comes from libopenblas, which the module links.
void openblas_set_num_threads(int num_threads);
