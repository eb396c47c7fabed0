#include <libsvm/svm.h>
/// libsvm's version as a function: the C global `libsvm_version` is not concurrency-safe in Swift 6.
static inline int clibsvm_version(void) { return LIBSVM_VERSION; }
