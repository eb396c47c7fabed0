@testable import Store
import Testing

/// OpenSSL accepts `OPENSSL_INIT_NO_ATEXIT` (the exit-time clean-up that raced with exiting threads is off).
@Suite struct OpenSSLExitCleanupTests {
    @Test func openSSLAcceptsTheOption() {
        #expect(OpenSSLExitCleanup.disabled)
    }
}
