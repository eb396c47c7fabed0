/// A fixed-size array that parallel workers fill at disjoint indices: the one result buffer of the
/// project's parallel loops (pixels in training, spectra in inference and ingest).
///
/// `@unchecked Sendable`: each index is written by one worker only, and the array is read after all
/// workers have finished (the callers' `concurrentPerform` joins them).
public final class SharedSlots<Element>: @unchecked Sendable {
    private let pointer: UnsafeMutablePointer<Element>
    /// Number of slots.
    public let count: Int

    /// `count` slots, each holding `value`.
    public init(repeating value: Element, count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: value, count: count)
    }

    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }

    /// Slot `i` (written by one worker only).
    public subscript(i: Int) -> Element {
        get { pointer[i] }
        set { pointer[i] = newValue }
    }

    /// The slots, in order.
    public var array: [Element] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}
