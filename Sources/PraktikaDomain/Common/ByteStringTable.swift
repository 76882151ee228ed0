import Foundation

/// Byte strings numbered 0, 1, 2, … in the order they are first added, kept one after another in
/// one buffer under an open-addressing hash table (the bytes are compared on a hit). A
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
        return slots.withUnsafeBufferPointer { slots in
            starts.withUnsafeBufferPointer { starts in
                bytes.withUnsafeBufferPointer { all in
                    while slots[slot] != 0 {
                        let number = Int(slots[slot]) - 1
                        let from = Int(starts[number])
                        if Int(starts[number + 1]) - from == utf8.count
                            && (utf8.isEmpty || memcmp(all.baseAddress! + from, utf8.baseAddress!, utf8.count) == 0)
                        {
                            return (number, slot)
                        }
                        slot = (slot + 1) & mask
                    }
                    return (nil, slot)
                }
            }
        }
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        bytes.withUnsafeBufferPointer { all in
            for number in 0..<count {
                var slot =
                    Int(truncatingIfNeeded: Self.hash(UnsafeBufferPointer(rebasing: all[Int(starts[number])..<Int(starts[number + 1])])))
                    & mask
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = UInt32(number + 1)
            }
        }
    }

    /// A 64-bit hash read eight bytes at a time (multiply and shift-xor per word, the tail bytes as
    /// one last word): a facet line or a word is two or three words, not twenty dependent steps.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let multiplier: UInt64 = 0x9e37_79b9_7f4a_7c15
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= bytes.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* multiplier
            hash ^= hash >> 29
            i += 8
        }
        // The last 1–7 bytes, little-endian, as the byte-by-byte loop would have assembled them.
        var tail: UInt64 = 0
        if i < bytes.count {
            withUnsafeMutableBytes(of: &tail) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[i...])) }
        }
        tail = UInt64(littleEndian: tail)
        hash = (hash ^ tail) &* multiplier
        return hash ^ (hash >> 32)
    }
}
