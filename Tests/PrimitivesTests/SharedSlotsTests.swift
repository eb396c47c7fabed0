import Primitives
import Testing

/// `SharedSlots`: a fixed buffer that concurrent workers fill at disjoint indices, read in order afterwards.
@Suite struct SharedSlotsTests {
    @Test func slotsStartAtTheRepeatedValueAndKeepWhatIsWritten() {
        let slots = SharedSlots(repeating: -1, count: 4)
        #expect(slots.count == 4 && slots.array == [-1, -1, -1, -1])
        slots[2] = 7
        slots[0] = 3
        #expect(slots[2] == 7 && slots.array == [3, -1, 7, -1])
    }

    @Test func noSlotsIsAnEmptyArray() {
        let slots = SharedSlots(repeating: "x", count: 0)
        #expect(slots.count == 0 && slots.array.isEmpty)
    }

    @Test func concurrentWritesToDistinctSlotsAllLand() async {
        let count = 10_000
        let slots = SharedSlots<Int>(repeating: 0, count: count)
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for i in stride(from: worker, to: count, by: 8) { slots[i] = i * i + 1 }
                }
            }
        }
        #expect(slots.array == (0..<count).map { $0 * $0 + 1 })
    }

    @Test func elementsThatOwnMemoryAreKeptAndReleased() {
        let slots = SharedSlots(repeating: [String](), count: 3)
        slots[1] = ["a", "b"]
        slots[1].append("c")
        #expect(slots.array == [[], ["a", "b", "c"], []])
    }
}
