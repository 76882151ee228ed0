import Foundation
import PraktikaDomain

/// Which analyzer the index uses in this process: the installed dictionary in production, the
/// built-in stemmer when the configuration says so (tests, or a machine without hunspell-bg).
/// Set once by `configure`; read by every write to the index.
enum SearchSettings {
    private static let lock = NSLock()
    // Guarded by `lock`; written at configuration time, read afterwards.
    nonisolated(unsafe) private static var useDictionary = true

    static func configure(useDictionary: Bool) {
        lock.withLock { self.useDictionary = useDictionary }
    }

    static var analyzer: BulgarianAnalyzer {
        lock.withLock { useDictionary } ? installed : builtIn
    }

    /// The analyzer of this installation's dictionary, loaded once from the places the process's
    /// environment names (the dictionary takes a moment to expand).
    static let installed = BulgarianAnalyzer(dictionary: HunspellLemmatizer.installed(environment: ProcessInfo.processInfo.environment))

    static let builtIn = BulgarianAnalyzer(dictionary: nil)
}
