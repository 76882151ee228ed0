/// Byte strings numbered 0, 1, 2, … in the order they are first added, kept one after another in
/// one buffer under an open-addressing hash table (FNV-1a; the bytes are compared on a hit). A
/// compact set of many short strings that answers "which number is this?" without a `String` per
/// entry: the dictionary's forms, the facet lines of a search's candidates.
public struct ByteStringTable: Sendable {
    private var bytes: [UInt8] = []
    /// Where each string starts in `bytes`; one more than there are strings.
    private var starts: [UInt32] = [0]
    /// Number + 1 in each slot, 0 for an empty one; the size is a power of two, at most half full.
    private var slots: [UInt32]

    /// `capacity`: how many strings to expect before the table first grows.
    public init(capacity: Int = 32) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: 0, count: size)
    }

    public var count: Int { starts.count - 1 }

    /// The number of a string, or nil when it has not been added.
    public func number(of utf8: UnsafeBufferPointer<UInt8>) -> Int? { find(utf8).number }

    public func number(of string: String) -> Int? {
        var string = string
        return string.withUTF8 { number(of: $0) }
    }

    /// The number of a string, adding it when it is new.
    public mutating func add(_ utf8: UnsafeBufferPointer<UInt8>) -> (number: Int, added: Bool) {
        let (found, slot) = find(utf8)
        if let found { return (found, false) }
        let number = count
        slots[slot] = UInt32(number + 1)
        bytes.append(contentsOf: utf8)
        starts.append(UInt32(bytes.count))
        if count * 2 > slots.count { grow() }
        return (number, true)
    }

    public mutating func add(_ string: String) -> (number: Int, added: Bool) {
        var string = string
        return string.withUTF8 { add($0) }
    }

    /// The string of a number.
    public func string(_ number: Int) -> String {
        String(decoding: bytes[Int(starts[number])..<Int(starts[number + 1])], as: UTF8.self)
    }

    /// The string's number when the table holds it, and the slot where it is or would go.
    private func find(_ utf8: UnsafeBufferPointer<UInt8>) -> (number: Int?, slot: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: Self.hash(utf8)) & mask
        return bytes.withUnsafeBufferPointer { all in
            while slots[slot] != 0 {
                let number = Int(slots[slot]) - 1
                let (from, to) = (Int(starts[number]), Int(starts[number + 1]))
                if to - from == utf8.count && UnsafeBufferPointer(rebasing: all[from..<to]).elementsEqual(utf8) { return (number, slot) }
                slot = (slot + 1) & mask
            }
            return (nil, slot)
        }
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        bytes.withUnsafeBufferPointer { all in
            for number in 0..<count {
                var slot = Int(truncatingIfNeeded: Self.hash(UnsafeBufferPointer(rebasing: all[Int(starts[number])..<Int(starts[number + 1])]))) & mask
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = UInt32(number + 1)
            }
        }
    }

    /// FNV-1a, 64 bits.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
