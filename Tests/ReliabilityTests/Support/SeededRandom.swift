// A deterministic random source and input mutators for the parser property tests: the
// same seed gives the same cases on every machine, so a failure names its case and replays.
import Foundation

/// SplitMix64: tiny, fast, and good enough to spread test cases.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &self) < percent }

    mutating func element<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }

    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) } }

    mutating func string(from alphabet: [Character], length: ClosedRange<Int>) -> String {
        String((0..<Int.random(in: length, using: &self)).map { _ in element(alphabet) })
    }
}

/// Ways of damaging a valid input, after the mutators of coverage-guided fuzzers: flip,
/// insert, delete, duplicate, splice in a dictionary token, cut short.
enum Mutator {
    static func mutate(_ input: [UInt8], dictionary: [String], rounds: Int, using random: inout SeededRandom) -> [UInt8] {
        var bytes = input
        for _ in 0..<rounds {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &random)
            switch Int.random(in: 0..<7, using: &random) {
            case 0 where position < bytes.count:
                bytes[position] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
            case 1:
                bytes.insert(contentsOf: random.bytes(Int.random(in: 1...8, using: &random)), at: position)
            case 2 where position < bytes.count:
                bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...16, using: &random)))
            case 3 where position < bytes.count:
                let end = min(bytes.count, position + Int.random(in: 1...64, using: &random))
                bytes.insert(contentsOf: Array(bytes[position..<end]), at: Int.random(in: 0...bytes.count, using: &random))
            case 4:
                bytes.insert(contentsOf: Array(random.element(dictionary).utf8), at: position)
            case 5:
                bytes = Array(bytes.prefix(position))
            default:
                let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                guard lines.count > 1 else { continue }
                var shuffled = lines.map(Array.init)
                shuffled.swapAt(Int.random(in: 0..<lines.count, using: &random), Int.random(in: 0..<lines.count, using: &random))
                bytes = Array(shuffled.joined(separator: [UInt8(ascii: "\n")]))
            }
        }
        return bytes
    }
}
