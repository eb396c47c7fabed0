import CLibPQ

/// Turns off OpenSSL's clean-up at process exit, once, before libpq first uses TLS.
///
/// By default OpenSSL registers an `atexit` handler (`OPENSSL_cleanup`) that frees its global state.
/// A process here ends while detached threads may still be inside libcrypto: a ``BlockingThread``
/// that has just handed back its result and is exiting runs OpenSSL's thread-local destructors, a
/// worker slot may be closing its TLS connection. When `exit` runs the handler at that moment, the
/// other thread touches freed state and the process dies with SIGSEGV after its work was done (seen
/// once in the multi-host harness: `slam train --wait` crashed in libcrypto as it finished, over TLS).
/// The OpenSSL maintainers' answer to that race is `OPENSSL_INIT_NO_ATEXIT`; the operating system
/// frees the memory anyway. It only takes effect if it is OpenSSL's first initialisation, so
/// ``PostgresConnection`` touches ``disabled`` before its first `PQconnectdbParams`.
enum OpenSSLExitCleanup {
    /// True once OpenSSL accepted the option (evaluated once per process, thread-safely).
    static let disabled: Bool = OPENSSL_init_crypto(UInt64(OPENSSL_INIT_NO_ATEXIT), nil) == 1
}
