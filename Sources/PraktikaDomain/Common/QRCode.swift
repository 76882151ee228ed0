import Foundation

/// A QR code (ISO/IEC 18004, model 2) for a short text such as a survey's link: byte mode,
/// error correction level M (about 15 % of the symbol may be damaged or covered and it still
/// reads), the smallest version that holds the text, and the mask with the lowest penalty.
/// Drawn as SVG so that it prints sharp at any size.
public struct QRCode: Sendable, Hashable {
    /// 1 to 40; the symbol has 17 + 4 × version modules a side.
    public let version: Int
    public let size: Int
    public let mask: Int
    /// Row-major, `true` for a dark module.
    public let modules: [Bool]

    public func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }

    /// Nil when the text does not fit in a version 40 symbol (2,331 bytes at level M).
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard let version = (1...40).first(where: { Self.dataCodewords($0) * 8 >= Self.bitsNeeded(bytes.count, $0) }) else {
            return nil
        }
        let codewords = Self.withErrorCorrection(Self.dataBits(bytes, version), version: version)
        var best: Matrix?
        var bestPenalty = Int.max
        for mask in 0..<8 {
            var matrix = Matrix(version: version)
            matrix.place(codewords)
            matrix.apply(mask: mask)
            matrix.drawFormat(mask: mask)
            let penalty = matrix.penalty()
            if penalty < bestPenalty {
                bestPenalty = penalty
                best = matrix
            }
        }
        let chosen = best!
        self.version = version
        self.size = chosen.size
        self.mask = chosen.mask
        self.modules = chosen.dark
    }

    /// The symbol with a quiet zone of four modules, one path of unit squares; `label` names it
    /// for screen readers.
    public func svg(label: String, quietZone: Int = 4) -> String {
        let side = size + 2 * quietZone
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else {
                    x += 1
                    continue
                }
                var run = 1
                while x + run < size && isDark(x: x + run, y: y) { run += 1 }
                path += "M\(x + quietZone) \(y + quietZone)h\(run)v1h-\(run)z"
                x += run
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges" role="img" \
            aria-label="\(label.markupEscaped)"><rect width="\(side)" height="\(side)" fill="#fff"/>\
            <path d="\(path)" fill="#000"/></svg>
            """
    }

    // MARK: Data

    /// Mode (4 bits), count (8 or 16 bits) and the bytes.
    static func bitsNeeded(_ count: Int, _ version: Int) -> Int { 4 + (version < 10 ? 8 : 16) + 8 * count }

    static func dataBits(_ bytes: [UInt8], _ version: Int) -> [UInt8] {
        var bits = BitBuffer()
        bits.append(0b0100, 4)
        bits.append(bytes.count, version < 10 ? 8 : 16)
        for byte in bytes { bits.append(Int(byte), 8) }
        let capacity = dataCodewords(version) * 8
        bits.append(0, min(4, capacity - bits.count))
        bits.append(0, (8 - bits.count % 8) % 8)
        var codewords = bits.bytes
        var pad: UInt8 = 0xEC
        while codewords.count < dataCodewords(version) {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    // MARK: Error correction (level M)

    static let eccPerBlock = [
        0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
    ]
    static let blocks = [
        0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37,
        38, 40, 43, 45, 47, 49,
    ]

    /// Modules left for codewords once the function patterns are drawn.
    static func rawDataModules(_ version: Int) -> Int {
        var result = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignments = version / 7 + 2
            result -= (25 * alignments - 10) * alignments - 55
            if version >= 7 { result -= 36 }
        }
        return result
    }

    static func dataCodewords(_ version: Int) -> Int {
        rawDataModules(version) / 8 - eccPerBlock[version] * blocks[version]
    }

    /// The data split into blocks, each followed by its Reed–Solomon codewords, interleaved.
    static func withErrorCorrection(_ data: [UInt8], version: Int) -> [UInt8] {
        let blockCount = blocks[version]
        let ecc = eccPerBlock[version]
        let raw = rawDataModules(version) / 8
        let shortBlocks = blockCount - raw % blockCount
        let shortLength = raw / blockCount
        let divisor = ReedSolomon.divisor(degree: ecc)
        var split: [[UInt8]] = []
        var offset = 0
        for i in 0..<blockCount {
            let length = shortLength - ecc + (i < shortBlocks ? 0 : 1)
            let part = Array(data[offset..<offset + length])
            offset += length
            split.append((i < shortBlocks ? part + [0] : part) + ReedSolomon.remainder(part, divisor))
        }
        var result: [UInt8] = []
        for i in 0..<split[0].count {
            for (j, block) in split.enumerated() where !(i == shortLength - ecc && j < shortBlocks) {
                result.append(block[i])
            }
        }
        return result
    }

    enum ReedSolomon {
        static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
            var z = 0
            for i in (0...7).reversed() {
                z = (z << 1) ^ ((z >> 7) * 0x11D)
                z ^= ((Int(y) >> i) & 1) * Int(x)
            }
            return UInt8(z)
        }

        static func divisor(degree: Int) -> [UInt8] {
            var result = [UInt8](repeating: 0, count: degree - 1) + [1]
            var root: UInt8 = 1
            for _ in 0..<degree {
                for j in result.indices {
                    result[j] = multiply(result[j], root)
                    if j + 1 < result.count { result[j] ^= result[j + 1] }
                }
                root = multiply(root, 0x02)
            }
            return result
        }

        static func remainder(_ data: [UInt8], _ divisor: [UInt8]) -> [UInt8] {
            var result = [UInt8](repeating: 0, count: divisor.count)
            for byte in data {
                let factor = byte ^ result.removeFirst()
                result.append(0)
                for i in result.indices { result[i] ^= multiply(divisor[i], factor) }
            }
            return result
        }
    }

    struct BitBuffer {
        var bits: [Bool] = []
        var count: Int { bits.count }

        mutating func append(_ value: Int, _ length: Int) {
            guard length > 0 else { return }
            for i in (0..<length).reversed() { bits.append((value >> i) & 1 == 1) }
        }

        var bytes: [UInt8] {
            stride(from: 0, to: bits.count, by: 8).map { start in
                (0..<8).reduce(UInt8(0)) { byte, i in (byte << 1) | (start + i < bits.count && bits[start + i] ? 1 : 0) }
            }
        }
    }

    // MARK: The symbol

    struct Matrix {
        let version: Int
        let size: Int
        var dark: [Bool]
        var isFunction: [Bool]
        var mask = 0

        init(version: Int) {
            self.version = version
            size = 17 + 4 * version
            dark = Array(repeating: false, count: size * size)
            isFunction = Array(repeating: false, count: size * size)
            drawFunctionPatterns()
        }

        mutating func set(_ x: Int, _ y: Int, _ value: Bool) {
            dark[y * size + x] = value
            isFunction[y * size + x] = true
        }

        mutating func drawFunctionPatterns() {
            for i in 0..<size {
                set(6, i, i % 2 == 0)
                set(i, 6, i % 2 == 0)
            }
            for (cx, cy) in [(3, 3), (size - 4, 3), (3, size - 4)] {
                for dy in -4...4 {
                    for dx in -4...4 {
                        let x = cx + dx
                        let y = cy + dy
                        guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                        let distance = max(abs(dx), abs(dy))
                        set(x, y, distance != 2 && distance != 4)
                    }
                }
            }
            let positions = alignmentPositions
            let last = positions.count - 1
            for (i, cy) in positions.enumerated() {
                for (j, cx) in positions.enumerated() where !((i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0)) {
                    for dy in -2...2 {
                        for dx in -2...2 { set(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1) }
                    }
                }
            }
            drawFormat(mask: 0)
            if version >= 7 {
                var remainder = version
                for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
                let bits = version << 12 | remainder
                for i in 0..<18 {
                    let bit = (bits >> i) & 1 == 1
                    let a = size - 11 + i % 3
                    let b = i / 3
                    set(a, b, bit)
                    set(b, a, bit)
                }
            }
        }

        var alignmentPositions: [Int] {
            guard version > 1 else { return [] }
            let count = version / 7 + 2
            let step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
            var result = [6]
            var position = size - 7
            for _ in 0..<(count - 1) {
                result.insert(position, at: 1)
                position -= step
            }
            return result
        }

        /// Level M (bits 00) and the mask, BCH-protected, in both copies; and the dark module.
        mutating func drawFormat(mask: Int) {
            self.mask = mask
            let data = mask
            var remainder = data
            for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
            let bits = (data << 10 | remainder) ^ 0x5412
            func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
            for i in 0...5 { set(8, i, bit(i)) }
            set(8, 7, bit(6))
            set(8, 8, bit(7))
            set(7, 8, bit(8))
            for i in 9..<15 { set(14 - i, 8, bit(i)) }
            for i in 0..<8 { set(size - 1 - i, 8, bit(i)) }
            for i in 8..<15 { set(8, size - 15 + i, bit(i)) }
            set(8, size - 8, true)
        }

        /// The codewords in the zigzag order: two columns at a time from the right, up then down,
        /// around the function patterns.
        mutating func place(_ codewords: [UInt8]) {
            var i = 0
            let total = codewords.count * 8
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                for vertical in 0..<size {
                    for j in 0..<2 {
                        let x = right - j
                        let upward = (right + 1) & 2 == 0
                        let y = upward ? size - 1 - vertical : vertical
                        if !isFunction[y * size + x] && i < total {
                            dark[y * size + x] = (codewords[i >> 3] >> (7 - (i & 7))) & 1 == 1
                            i += 1
                        }
                    }
                }
                right -= 2
            }
        }

        mutating func apply(mask: Int) {
            for y in 0..<size {
                for x in 0..<size where !isFunction[y * size + x] {
                    let invert: Bool
                    switch mask {
                    case 0: invert = (x + y) % 2 == 0
                    case 1: invert = y % 2 == 0
                    case 2: invert = x % 3 == 0
                    case 3: invert = (x + y) % 3 == 0
                    case 4: invert = (x / 3 + y / 2) % 2 == 0
                    case 5: invert = x * y % 2 + x * y % 3 == 0
                    case 6: invert = (x * y % 2 + x * y % 3) % 2 == 0
                    default: invert = ((x + y) % 2 + x * y % 3) % 2 == 0
                    }
                    if invert { dark[y * size + x].toggle() }
                }
            }
        }

        /// The standard's four penalties: long runs, 2×2 blocks, finder-like patterns, imbalance.
        func penalty() -> Int {
            var result = 0
            func module(_ x: Int, _ y: Int, transposed: Bool) -> Bool { transposed ? dark[x * size + y] : dark[y * size + x] }
            let finderLike: [[Bool]] = [
                [true, false, true, true, true, false, true, false, false, false, false],
                [false, false, false, false, true, false, true, true, true, false, true],
            ]
            for transposed in [false, true] {
                for y in 0..<size {
                    var run = 1
                    for x in 1..<size {
                        if module(x, y, transposed: transposed) == module(x - 1, y, transposed: transposed) {
                            run += 1
                            if run == 5 { result += 3 } else if run > 5 { result += 1 }
                        } else {
                            run = 1
                        }
                    }
                    if size >= 11 {
                        for x in 0...(size - 11) {
                            for pattern in finderLike
                            where (0..<11).allSatisfy({ module(x + $0, y, transposed: transposed) == pattern[$0] }) {
                                result += 40
                            }
                        }
                    }
                }
            }
            for y in 0..<(size - 1) {
                for x in 0..<(size - 1) {
                    let c = dark[y * size + x]
                    if c == dark[y * size + x + 1] && c == dark[(y + 1) * size + x] && c == dark[(y + 1) * size + x + 1] { result += 3 }
                }
            }
            let darkCount = dark.filter { $0 }.count
            let total = size * size
            let k = (abs(darkCount * 20 - total * 10) + total - 1) / total - 1
            return result + max(0, k) * 10
        }
    }
}
