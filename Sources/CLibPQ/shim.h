#include <libpq-fe.h>
/* libpq's TLS library, for OPENSSL_init_crypto (see Store's OpenSSLExitCleanup). */
#include <openssl/crypto.h>
