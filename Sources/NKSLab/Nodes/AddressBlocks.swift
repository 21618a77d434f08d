// Address blocks handed out in this process: labs started at the same moment (parallel
// tests) would otherwise probe the same free block before either has bound to it.
import Foundation

enum AddressBlocks {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var taken: Set<UInt8> = []

    /// Runs `choose` under the lock with the blocks already handed out, and records its pick.
    static func reserve(_ choose: (Set<UInt8>) throws -> UInt8) throws -> UInt8 {
        try lock.withLock {
            let block = try choose(taken)
            taken.insert(block)
            return block
        }
    }

    static func release(_ block: UInt8) {
        lock.withLock { _ = taken.remove(block) }
    }
}
