/// A deterministic assignment of n items to K folds of near-equal size (sizes differ by at most one):
/// a seeded Fisher-Yates shuffle (SplitMix64), then item `order[r]` goes to fold `r % K`.
public struct CrossValidationFolds: Sendable, Equatable {
    /// Fold of each item, n entries in `0..<foldCount`.
    public let fold: [Int]
    /// Number of folds, K.
    public let foldCount: Int

    /// Assigns `count` items to `folds` folds (1 <= folds; programmer error otherwise).
    public init(count: Int, folds: Int, seed: UInt64) {
        precondition(folds >= 1 && count >= 0, "need at least one fold")
        var order = Array(0..<count)
        var random = SplitMix64(seed: seed)
        if count > 1 {
            for i in stride(from: count - 1, to: 0, by: -1) {
                let j = Int(random.next() % UInt64(i + 1))
                order.swapAt(i, j)
            }
        }
        var fold = [Int](repeating: 0, count: count)
        for (r, item) in order.enumerated() { fold[item] = r % folds }
        self.fold = fold
        foldCount = folds
    }

    /// Items held out in fold `f` (ascending).
    public func testIndices(_ f: Int) -> [Int] { fold.indices.filter { fold[$0] == f } }
    /// Items trained on when fold `f` is held out (ascending).
    public func trainIndices(_ f: Int) -> [Int] { fold.indices.filter { fold[$0] != f } }
}
