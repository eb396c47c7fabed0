import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TAP

/// Fetches a table uploaded by URL (`UPLOAD=name,https://...`, TAP 1.1's mandatory upload-http method):
/// http and https only, at most `maximumBytes` (the download stops as soon as it passes them), within
/// `timeoutSeconds`, redirects followed. The server fetches on the client's behalf, so it reaches what the
/// server can reach: serve it where that is acceptable, or behind a proxy that limits it.
struct TapUploadFetcher: Sendable {
    var maximumBytes: Int
    var timeoutSeconds: Double = 60

    func fetch(_ text: String, table: String) async throws -> [UInt8] {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw TapError.invalidParameter(name: "UPLOAD", reason: "table \(table): '\(text)' is not an http(s) URL")
        }
        var request = URLRequest(url: url)
        request.timeoutInterval = timeoutSeconds
        let download = BoundedDownload(maximumBytes: maximumBytes)
        let session = URLSession(configuration: .ephemeral, delegate: download, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let outcome = await withCheckedContinuation { continuation in
            download.start(session.dataTask(with: request), continuation: continuation)
        }
        switch outcome {
        case let .bytes(bytes):
            return bytes
        case let .status(code):
            throw TapError.invalidParameter(name: "UPLOAD", reason: "table \(table): \(text) answered HTTP \(code)")
        case .tooLarge:
            throw TapError.invalidParameter(name: "UPLOAD", reason: "the uploaded table is larger than \(maximumBytes) bytes, the most taken")
        case let .failed(message):
            throw TapError.invalidParameter(name: "UPLOAD", reason: "table \(table): could not fetch \(text): \(message)")
        }
    }
}

/// One download's bytes, gathered by URLSession's delegate callbacks (on its own queue) and cancelled
/// once they pass the limit. Its state is guarded by a lock.
private final class BoundedDownload: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    enum Outcome: Sendable {
        case bytes([UInt8])
        case status(Int)
        case tooLarge
        case failed(String)
    }

    private let maximumBytes: Int
    private let lock = NSLock()
    private var received: [UInt8] = []
    private var early: Outcome?
    private var continuation: CheckedContinuation<Outcome, Never>?

    init(maximumBytes: Int) {
        self.maximumBytes = maximumBytes
    }

    func start(_ task: URLSessionDataTask, continuation: CheckedContinuation<Outcome, Never>) {
        lock.withLock { self.continuation = continuation }
        task.resume()
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
            lock.withLock { early = .status(http.statusCode) }
            completionHandler(.cancel)
        } else if response.expectedContentLength > Int64(maximumBytes) {
            lock.withLock { early = .tooLarge }
            completionHandler(.cancel)
        } else {
            completionHandler(.allow)
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let tooLarge = lock.withLock { () -> Bool in
            received.append(contentsOf: data)
            if received.count > maximumBytes, early == nil { early = .tooLarge }
            return early != nil
        }
        if tooLarge { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        let (outcome, continuation) = lock.withLock { () -> (Outcome, CheckedContinuation<Outcome, Never>?) in
            let outcome: Outcome = early ?? error.map { .failed($0.localizedDescription) } ?? .bytes(received)
            let waiting = self.continuation
            self.continuation = nil
            return (outcome, waiting)
        }
        continuation?.resume(returning: outcome)
    }
}
